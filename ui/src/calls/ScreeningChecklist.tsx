import type { TraffickingIndicator } from '../ipc/backend';
import { useI18n } from '../i18n';
import { TRAFFICKING_INDICATORS } from './options';

/** Where Alt+T moves the focus: the checklist's first box. */
export const SCREENING_FIRST = `call-indicator-${TRAFFICKING_INDICATORS[0]}`;

interface ScreeningChecklistProps {
  /** The groups observed; undefined while the call is not screened, empty when asked and none observed. */
  value: readonly TraffickingIndicator[] | undefined;
  onChange: (indicators: TraffickingIndicator[] | undefined) => void;
}

/**
 * Ticks the indicator groups observed. Undefined ("not screened") and empty
 * ("asked, none observed") are kept apart because reports count them apart:
 * the last box says the questions were asked. Unticking the last group keeps
 * the call screened; unticking "none observed" makes it not screened again.
 */
export function ScreeningChecklist({ value, onChange }: ScreeningChecklistProps) {
  const { t } = useI18n();
  const observed = value ?? [];
  const toggle = (indicator: TraffickingIndicator, on: boolean) =>
    onChange(TRAFFICKING_INDICATORS.filter((code) => (code === indicator ? on : observed.includes(code))));
  const status =
    value === undefined ? t('call.screeningNotDone') : t('call.screeningCount', { count: String(observed.length) });
  return (
    <fieldset id="call-screening" class="form-group screening" aria-describedby="call-screening-hint">
      <legend>{t('call.groupScreening')}</legend>
      <p id="call-screening-hint" class="field-hint">
        {t('call.screeningHint')}
      </p>
      <div class="screening-list">
        {TRAFFICKING_INDICATORS.map((indicator) => (
          <label key={indicator} class="check screening-item">
            <input
              id={`call-indicator-${indicator}`}
              class="call-indicator"
              type="checkbox"
              value={indicator}
              checked={observed.includes(indicator)}
              aria-describedby={`call-indicator-${indicator}-ask`}
              onChange={(e) => toggle(indicator, e.currentTarget.checked)}
            />
            <span>
              <span class="screening-name">{t(`indicator.${indicator}`)}</span>
              <span id={`call-indicator-${indicator}-ask`} class="screening-ask">
                {t(`indicatorAsk.${indicator}`)}
              </span>
            </span>
          </label>
        ))}
        <label class="check screening-item">
          <input
            id="call-indicator-none"
            type="checkbox"
            checked={value !== undefined && observed.length === 0}
            onChange={(e) => onChange(e.currentTarget.checked ? [] : undefined)}
          />
          <span class="screening-name">{t('call.screeningNone')}</span>
        </label>
      </div>
      <p id="call-screening-status" class="field-hint" role="status">
        {status}
      </p>
    </fieldset>
  );
}
