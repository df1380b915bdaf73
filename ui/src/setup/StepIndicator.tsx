import { useI18n } from '../i18n';
import type { StepId } from './steps';

/** "Step 2 of 6" and the steps by name, the current one marked; the start screen is not counted. */
export function StepIndicator({ steps, current }: { steps: readonly StepId[]; current: StepId }) {
  const { t } = useI18n();
  const shown = steps.filter((step): step is Exclude<StepId, 'start'> => step !== 'start');
  const index = shown.findIndex((step) => step === current);
  return (
    <nav class="wizard-steps" aria-label={t('setup.stepsLabel')}>
      <p id="setup-step-count" class="wizard-count">
        {t('setup.stepCount', { step: index + 1, total: shown.length })}
      </p>
      <ol>
        {shown.map((step, position) => (
          <li
            key={step}
            class={position < index ? 'wizard-step wizard-step-done' : position === index ? 'wizard-step wizard-step-current' : 'wizard-step'}
            aria-current={position === index ? 'step' : undefined}
          >
            <span class="wizard-step-number" aria-hidden="true">
              {position + 1}
            </span>
            <span>{t(`setup.step.${step}`)}</span>
          </li>
        ))}
      </ol>
    </nav>
  );
}
