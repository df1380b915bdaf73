// The report form as typed, and the request it makes. The checks mirror
// hotline-core's, so a mistake is shown beside its field before anything is
// sent; the backend checks again.
import type { Region, Report, ReportRequest } from '../ipc/backend';
import type { MessageKey } from '../i18n';
import { formatDay, INVALID_DAY, parseDay } from '../i18n/dates';
import { REGIONS } from '../forms/regions';
import { quickPeriod } from './period';

/** IOM's CTDC global dataset withholds counts below 11; so does the app by default. */
export const DEFAULT_MIN_CELL = 11;
/** Below 3 suppression hides nothing ("<2" can only mean 1); above 1000 it hides everything useful. */
export const MIN_MIN_CELL = 3;
export const MAX_MIN_CELL = 1000;

export interface ReportForm {
  /** Days as typed, dd.mm.yyyy. */
  from: string;
  to: string;
  regions: readonly Region[];
  /** Publication mode: counts below `minCell` are withheld. */
  publish: boolean;
  /** k as typed. */
  minCell: string;
}

/** A report on screen, with the request it was made from: exports write that, not the form as edited since. */
export interface ShownReport {
  request: ReportRequest;
  report: Report;
}

export type FormField = 'from' | 'to' | 'regions' | 'minCell';

export type FormProblems = Partial<Record<FormField, MessageKey>>;

/** This month, every region, an internal report. */
export function defaultForm(now: Date): ReportForm {
  const period = quickPeriod('thisMonth', now);
  return {
    from: formatDay(period.from),
    to: formatDay(period.to),
    regions: REGIONS,
    publish: false,
    minCell: String(DEFAULT_MIN_CELL),
  };
}

/** A typed day as `yyyy-mm-dd`, or why it is not one. */
function readDay(text: string): { day: string } | { problem: MessageKey } {
  const day = parseDay(text);
  if (day === null) return { problem: 'reports.dateMissing' };
  if (day === INVALID_DAY) return { problem: 'calls.dateInvalid' };
  return { day };
}

/**
 * The request the form stands for, or what is wrong with it. Every region
 * ticked is sent as "every region" (an empty list); none ticked is a mistake,
 * not a quiet "all".
 */
export function buildRequest(form: ReportForm): { request: ReportRequest } | { problems: FormProblems } {
  const problems: FormProblems = {};
  const from = readDay(form.from);
  const to = readDay(form.to);
  if ('problem' in from) problems.from = from.problem;
  if ('problem' in to) problems.to = to.problem;
  else if ('day' in from && to.day < from.day) problems.to = 'calls.dateOrder';
  const regions = REGIONS.filter((region) => form.regions.includes(region));
  if (regions.length === 0) problems.regions = 'reports.regionsNone';
  let minCell = DEFAULT_MIN_CELL;
  if (form.publish) {
    const typed = form.minCell.trim();
    minCell = /^\d+$/.test(typed) ? Number(typed) : NaN;
    if (!(minCell >= MIN_MIN_CELL && minCell <= MAX_MIN_CELL)) problems.minCell = 'reports.minCellInvalid';
  }
  if (!('day' in from) || !('day' in to) || Object.keys(problems).length > 0) return { problems };
  return {
    request: {
      from: from.day,
      to: to.day,
      regions: regions.length === REGIONS.length ? [] : regions,
      publication: form.publish ? { minCell } : null,
    },
  };
}
