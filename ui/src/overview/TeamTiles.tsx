// The supervisor's tiles: how busy the lines and regions are, who is behind
// with follow-ups, and whether sync is keeping up.
import type { Breakdown, BreakdownKind, Cell, Report, ReportRequest } from '../ipc/backend';
import { useI18n } from '../i18n';
import { formatDay } from '../i18n/dates';
import type { Section } from '../app/sections';
import { cellText, isEmptyReport } from '../reports/cells';
import { rowLabeller } from '../reports/labels';
import type { Period } from '../reports/period';
import { loadByAssignee } from './followUps';
import { Tile } from './Tile';
import { useAnswer } from './useAnswer';

/** An internal report (every number shown) of every region over `period`. */
const reportOf = (period: Period): ReportRequest => ({ ...period, regions: [], publication: null });

const ZERO: Cell = { kind: 'exact', count: 0 };
const isZero = (cell: Cell) => cell.kind === 'exact' && cell.count === 0;

interface CallCountsTileProps {
  asked: number;
  today: Period;
  week: Period;
}

/** Finished calls today and this week, in total and by line and by region, as numbers in tables. */
export function CallCountsTile({ asked, today, week }: CallCountsTileProps) {
  const { t } = useI18n();
  const answer = useAnswer(
    (backend) => Promise.all([backend.runReport(reportOf(today)), backend.runReport(reportOf(week))]),
    asked,
  );
  const weekTitle = t('overview.calls.week', { from: formatDay(week.from), to: formatDay(week.to) });
  return (
    <Tile id="overview-calls" title={t('overview.calls.title')} answer={answer} wide>
      {([todays, weeks]) =>
        isEmptyReport(weeks) ? (
          <p class="muted">{t('overview.calls.empty')}</p>
        ) : (
          <>
            <p id="overview-calls-totals" class="overview-counts">
              {t('overview.calls.totals', { today: cellText(todays.total.calls), week: cellText(weeks.total.calls) })}
            </p>
            <div class="overview-tables">
              {(['line', 'region'] as const).map((kind) => (
                <CountsTable key={kind} kind={kind} today={todays} week={weeks} weekTitle={weekTitle} />
              ))}
            </div>
          </>
        )
      }
    </Tile>
  );
}

const breakdownOf = (report: Report, kind: BreakdownKind): Breakdown | undefined =>
  report.breakdowns.find((breakdown) => breakdown.kind === kind);

interface CountsTableProps {
  kind: 'line' | 'region';
  today: Report;
  week: Report;
  weekTitle: string;
}

/**
 * One breakdown's rows (the week's, which hold every line or region either
 * report names), with today's calls and the week's side by side. Every
 * region is listed, a quiet one too; of the dozen lines only those called
 * on this week, so the table stays short enough to read at a glance.
 */
function CountsTable({ kind, today, week, weekTitle }: CountsTableProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const weeks = breakdownOf(week, kind);
  if (!weeks) return null;
  const todays = breakdownOf(today, kind);
  const labelOf = rowLabeller(kind, i18n);
  const shown = weeks.rows.filter((row) => kind === 'region' || !isZero(row.counts.calls));
  const id = `overview-by-${kind}`;
  return (
    <div class="table-scroll">
      <table id={id} class="table overview-table">
        <caption class="overview-caption">{t(`overview.calls.by.${kind}`)}</caption>
        <thead>
          <tr>
            <th scope="col">{t(`reports.column.${kind}`)}</th>
            <th scope="col" class="num">
              {t('overview.calls.today')}
            </th>
            <th scope="col" class="num">
              {weekTitle}
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={row.key} data-key={row.key}>
              <th scope="row">{labelOf(row)}</th>
              <td class="num">{cellText(todays?.rows.find((other) => other.key === row.key)?.counts.calls ?? ZERO)}</td>
              <td class="num">{cellText(row.counts.calls)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('reports.total')}</th>
            <td class="num">{cellText(todays?.total.calls ?? ZERO)}</td>
            <td class="num">{cellText(weeks.total.calls)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** Open and overdue follow-ups per colleague, with their names, the most overdue first. */
export function TeamFollowUpsTile({ asked }: { asked: number }) {
  const { t } = useI18n();
  const answer = useAnswer((backend) => backend.followUps().then(loadByAssignee), asked);
  return (
    <Tile id="overview-team" title={t('overview.team.title')} answer={answer}>
      {(loads) =>
        loads.length === 0 ? (
          <p class="muted">{t('overview.team.empty')}</p>
        ) : (
          <div class="table-scroll">
            <table id="overview-team-table" class="table overview-table">
              <thead>
                <tr>
                  <th scope="col">{t('overview.team.who')}</th>
                  <th scope="col" class="num">
                    {t('overview.team.open')}
                  </th>
                  <th scope="col" class="num">
                    {t('overview.team.overdue')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {loads.map((load) => (
                  <tr key={load.key} data-key={load.key} class={load.overdue > 0 ? 'overdue' : undefined}>
                    <th scope="row">{load.who ? load.who.displayName : t('followUps.unknownColleague')}</th>
                    <td class="num">{load.open}</td>
                    <td class="num">
                      {load.overdue > 0 ? <span class="badge badge-danger">{load.overdue}</span> : load.overdue}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      }
    </Tile>
  );
}

/** Changes not sent yet, records refused or set aside, and the way to the Sync section that deals with them. */
export function SyncTile({ asked, onSection }: { asked: number; onSection: (section: Section) => void }) {
  const { t } = useI18n();
  const answer = useAnswer((backend) => backend.syncStatus(), asked);
  return (
    <Tile id="overview-sync" title={t('overview.sync.title')} answer={answer}>
      {(status) => (
        <>
          {status.connected ? (
            <ul id="overview-sync-counts" class="overview-figures">
              <li data-figure="waiting">{t('overview.sync.waiting', { count: status.waiting })}</li>
              <li data-figure="refused" class={status.lastRefused > 0 ? 'overview-alert' : undefined}>
                {t('overview.sync.refused', { count: status.lastRefused })}
              </li>
              <li data-figure="quarantined" class={status.quarantined > 0 ? 'overview-alert' : undefined}>
                {t('overview.sync.quarantined', { count: status.quarantined })}
              </li>
            </ul>
          ) : (
            <p class="muted">{t('overview.sync.notConnected')}</p>
          )}
          <button id="overview-sync-open" type="button" class="button button-secondary" onClick={() => onSection('sync')}>
            {t('overview.sync.open')}
          </button>
        </>
      )}
    </Tile>
  );
}
