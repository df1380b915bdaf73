import { useMemo } from 'preact/hooks';
import type { Breakdown, Report } from '../ipc/backend';
import { useI18n } from '../i18n';
import { formatDay } from '../i18n/dates';
import { REGIONS } from '../forms/regions';
import { BarChart } from './BarChart';
import { cellText, chartData, hasHiddenCells, isEmptyReport, isHidden } from './cells';
import { CHARTED, rowLabeller } from './labels';
import { ExportPanel } from './ExportPanel';
import { CtdcPanel } from './CtdcPanel';
import { CallListPanel } from './CallListPanel';
import type { ShownReport } from './request';

interface ReportViewProps {
  shown: ShownReport;
}

/** The report's heading, the publication banner, then the empty state or the exports, charts and tables. */
export function ReportView({ shown }: ReportViewProps) {
  const { t } = useI18n();
  const { report } = shown;
  const regions =
    report.regions.length === REGIONS.length
      ? t('reports.allRegions')
      : report.regions.map((region) => t(`region.${region}`)).join(', ');
  const k = report.publication?.minCell;
  return (
    <section id="report-result" class="report-result" aria-labelledby="report-result-title">
      <div class="report-head">
        <h2 id="report-result-title" class="report-title" tabIndex={-1}>
          {t('reports.resultTitle', { from: formatDay(report.from), to: formatDay(report.to) })}
        </h2>
        <p class="report-regions">{t('reports.resultRegions', { regions })}</p>
      </div>
      {k !== undefined && (
        <div id="reports-publication-banner" class="publication-banner" role="note">
          <p class="publication-banner-title">{t('reports.publicationBanner', { k })}</p>
          <p>{t('reports.publicationLegend', { k, max: k - 1 })}</p>
        </div>
      )}
      {isEmptyReport(report) ? (
        <p id="reports-empty" class="reports-empty" role="status">
          {t('reports.empty')}
        </p>
      ) : (
        <>
          <p id="reports-totals" class="report-totals" role="status">
            {t('reports.totals', { calls: cellText(report.total.calls), cases: cellText(report.total.cases) })}
          </p>
          <ExportPanel request={shown.request} />
          <CtdcPanel request={shown.request} />
          <CallListPanel request={shown.request} />
          <ReportCharts report={report} />
          <section class="report-tables" aria-labelledby="report-tables-title">
            <h3 id="report-tables-title" class="report-section-title">
              {t('reports.tables')}
            </h3>
            <div class="report-table-grid">
              {report.breakdowns.map((breakdown) => (
                <BreakdownTable key={breakdown.kind} breakdown={breakdown} />
              ))}
            </div>
          </section>
        </>
      )}
    </section>
  );
}

/** Bar charts by month, subject and destination country. */
function ReportCharts({ report }: { report: Report }) {
  const i18n = useI18n();
  const { t } = i18n;
  const charts = useMemo(
    () =>
      CHARTED.flatMap((kind) => report.breakdowns.filter((breakdown) => breakdown.kind === kind)).map((breakdown) => ({
        breakdown,
        data: chartData(breakdown, rowLabeller(breakdown.kind, i18n), { calls: t('reports.calls'), cases: t('reports.cases') }),
      })),
    [report, i18n],
  );
  return (
    <section class="report-charts" aria-labelledby="report-charts-title">
      <h3 id="report-charts-title" class="report-section-title">
        {t('reports.charts')}
      </h3>
      <div class="report-chart-grid">
        {charts.map(({ breakdown, data }) => {
          const title = i18n.localize(breakdown.title);
          return (
            <figure key={breakdown.kind} id={`chart-${breakdown.kind}`} class="report-chart">
              <figcaption class="report-chart-title">{title}</figcaption>
              {hasHiddenCells(breakdown) && (
                <p class="report-chart-note">{t('reports.chartHidden', { k: report.publication?.minCell ?? '' })}</p>
              )}
              <BarChart
                id={`chart-${breakdown.kind}-canvas`}
                label={t('reports.chartLabel', { title })}
                data={data}
                horizontal={breakdown.kind !== 'month'}
              />
            </figure>
          );
        })}
      </div>
    </section>
  );
}

/** One breakdown: a row per value with calls and distinct cases, the total last, the note under the title. */
function BreakdownTable({ breakdown }: { breakdown: Breakdown }) {
  const i18n = useI18n();
  const { t } = i18n;
  const labelOf = rowLabeller(breakdown.kind, i18n);
  const id = `breakdown-${breakdown.kind}`;
  const cell = (value: Breakdown['total']['calls']) => (
    <td class={isHidden(value) ? 'num cell-hidden' : 'num'}>{cellText(value)}</td>
  );
  return (
    <section id={id} class="report-breakdown" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`} class="report-breakdown-title">
        {i18n.localize(breakdown.title)}
      </h4>
      <p id={`${id}-note`} class="report-note">
        {i18n.localize(breakdown.note)}
      </p>
      <div class="table-scroll">
        <table class="table report-table" aria-labelledby={`${id}-title`} aria-describedby={`${id}-note`}>
          <thead>
            <tr>
              <th scope="col">{t(`reports.column.${breakdown.kind}`)}</th>
              <th scope="col" class="num">
                {t('reports.calls')}
              </th>
              <th scope="col" class="num">
                {t('reports.cases')}
              </th>
            </tr>
          </thead>
          <tbody>
            {breakdown.rows.map((row) => (
              <tr key={row.key} data-key={row.key}>
                <th scope="row">{labelOf(row)}</th>
                {cell(row.counts.calls)}
                {cell(row.counts.cases)}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('reports.total')}</th>
              {cell(breakdown.total.calls)}
              {cell(breakdown.total.cases)}
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}
