import type { CallOutcome } from '../ipc/backend';
import { useI18n } from '../i18n';
import { Field } from '../forms/Field';
import { valueOf } from '../forms/focus';
import { CALL_OUTCOMES } from './options';

interface OutcomeFieldProps {
  value: CallOutcome | undefined;
  error: string | undefined;
  onChange: (outcome: CallOutcome | undefined) => void;
}

/** How the call ended, or not recorded (yet). */
export function OutcomeField({ value, error, onChange }: OutcomeFieldProps) {
  const { t } = useI18n();
  return (
    <Field id="call-outcome" label={t('call.outcome')} error={error}>
      {(a11y) => (
        <select
          {...a11y}
          value={value ?? ''}
          onChange={(e) => {
            const chosen = valueOf(e);
            onChange(chosen === '' ? undefined : (chosen as CallOutcome));
          }}
        >
          <option value="">{t('call.outcomeNotRecorded')}</option>
          {CALL_OUTCOMES.map((outcome) => (
            <option key={outcome} value={outcome}>
              {t(`callOutcome.${outcome}`)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
