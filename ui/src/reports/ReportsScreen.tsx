import { useState } from 'preact/hooks';
import type { PublicError, Region } from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { toPublicError } from '../ipc/errors';
import { useI18n } from '../i18n';
import { formatDay } from '../i18n/dates';
import { DayField } from '../forms/DayField';
import { Field, FormError } from '../forms/Field';
import { valueOf } from '../forms/focus';
import { REGIONS } from '../forms/regions';
import { QUICK_PERIODS, quickPeriod } from './period';
import { buildRequest, defaultForm, type FormField, type FormProblems, type ReportForm, type ShownReport } from './request';
import { ReportView } from './ReportView';

/** The fields in the order they are on screen, and the control that takes focus when one is wrong. */
const FIELD_ORDER: readonly FormField[] = ['from', 'to', 'regions', 'minCell'];
const FIELD_CONTROLS: Record<FormField, string> = {
  from: 'reports-from',
  to: 'reports-to',
  regions: `reports-region-${REGIONS[0]}`,
  minCell: 'reports-min-cell',
};

/**
 * Supervisors' reports: period, regions and publication mode, then the
 * tables and charts of every breakdown and the exports. The report lives in
 * this component's state only, so it goes when the app locks.
 */
export function ReportsScreen() {
  const backend = useBackend();
  const i18n = useI18n();
  const { t } = i18n;
  const [form, setForm] = useState<ReportForm>(() => defaultForm(new Date()));
  const [problems, setProblems] = useState<FormProblems>({});
  const [running, setRunning] = useState(false);
  const [shown, setShown] = useState<ShownReport | null>(null);
  const [problem, setProblem] = useState<PublicError | null>(null);

  const set = (patch: Partial<ReportForm>) => setForm((current) => ({ ...current, ...patch }));

  async function run() {
    if (running) return;
    const built = buildRequest(form);
    if ('problems' in built) {
      setProblems(built.problems);
      const first = FIELD_ORDER.find((field) => built.problems[field]);
      if (first) document.getElementById(FIELD_CONTROLS[first])?.focus();
      return;
    }
    const { request } = built;
    setProblems({});
    // Written back in full, so "1.2.26" shows how it was read.
    set({ from: formatDay(request.from), to: formatDay(request.to) });
    setRunning(true);
    setProblem(null);
    try {
      setShown({ request, report: await backend.runReport(request) });
    } catch (reason) {
      setProblem(toPublicError(reason));
    } finally {
      setRunning(false);
    }
  }

  function toggleRegion(region: Region, on: boolean) {
    set({ regions: on ? [...form.regions, region] : form.regions.filter((r) => r !== region) });
  }

  const problemText = (field: keyof FormProblems) => {
    const key = problems[field];
    return key ? t(key) : undefined;
  };

  return (
    <div class="reports">
      <form
        id="reports-form"
        class="reports-form"
        aria-label={t('reports.formLabel')}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
        // Enter runs the report from any field, checkboxes included (buttons keep Enter for themselves).
        onKeyDown={(e) => {
          if (e.key !== 'Enter' || e.ctrlKey || e.altKey || e.metaKey || e.shiftKey) return;
          if (!(e.target instanceof HTMLInputElement)) return;
          e.preventDefault();
          void run();
        }}
      >
        <p class="panel-intro">{t('reports.intro')}</p>
        <fieldset class="reports-group">
          <legend>{t('reports.period')}</legend>
          <div class="reports-quick" role="group" aria-label={t('reports.quickLabel')}>
            {QUICK_PERIODS.map((choice) => (
              <button
                key={choice}
                id={`reports-quick-${choice}`}
                type="button"
                class="button button-secondary"
                onClick={() => {
                  const period = quickPeriod(choice, new Date());
                  set({ from: formatDay(period.from), to: formatDay(period.to) });
                  setProblems((current) => ({ ...current, from: undefined, to: undefined }));
                }}
              >
                {t(`reports.quick.${choice}`)}
              </button>
            ))}
          </div>
          <div class="reports-days">
            {(['from', 'to'] as const).map((field) => (
              <DayField
                key={field}
                id={`reports-${field}`}
                label={t(`reports.${field}`)}
                value={form[field]}
                error={problemText(field)}
                onInput={(text) => set({ [field]: text })}
              />
            ))}
          </div>
        </fieldset>

        <fieldset
          id="reports-regions"
          class={problems.regions ? 'reports-group field-invalid' : 'reports-group'}
          aria-describedby={problems.regions ? 'reports-regions-error' : undefined}
        >
          <legend>{t('reports.regions')}</legend>
          <div class="reports-regions">
            {REGIONS.map((region) => (
              <label key={region} class="check">
                <input
                  id={`reports-region-${region}`}
                  type="checkbox"
                  checked={form.regions.includes(region)}
                  onChange={(e) => toggleRegion(region, e.currentTarget.checked)}
                />
                <span>{t(`region.${region}`)}</span>
              </label>
            ))}
          </div>
          {problems.regions && (
            <p class="field-error" id="reports-regions-error">
              {t(problems.regions)}
            </p>
          )}
        </fieldset>

        <fieldset class={form.publish ? 'reports-group reports-publish reports-publish-on' : 'reports-group reports-publish'}>
          <legend>{t('reports.publishGroup')}</legend>
          <label class="check">
            <input
              id="reports-publish"
              type="checkbox"
              checked={form.publish}
              aria-describedby="reports-publish-hint"
              onChange={(e) => set({ publish: e.currentTarget.checked })}
            />
            <span>{t('reports.publish')}</span>
          </label>
          <p class="field-hint" id="reports-publish-hint">
            {t('reports.publishHint')}
          </p>
          <div class="reports-min-cell">
            <Field id="reports-min-cell" label={t('reports.minCell')} error={form.publish ? problemText('minCell') : undefined}>
              {(a11y) => (
                <input
                  {...a11y}
                  type="text"
                  inputMode="numeric"
                  autoComplete="off"
                  disabled={!form.publish}
                  value={form.minCell}
                  onInput={(e) => set({ minCell: valueOf(e) })}
                />
              )}
            </Field>
          </div>
        </fieldset>

        <div class="form-actions">
          <button id="reports-run" type="submit" class="button button-primary" disabled={running} aria-describedby="reports-run-hint">
            {running ? t('reports.running') : t('reports.run')}
          </button>
          <p class="field-hint" id="reports-run-hint">
            {t('reports.runHint')}
          </p>
        </div>
      </form>
      <FormError id="reports-error" text={problem ? i18n.localize(problem.message) : undefined} />
      {shown && <ReportView shown={shown} />}
    </div>
  );
}
