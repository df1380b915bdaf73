// Report periods are calendar days in Rīga: a supervisor in Rīga at 00:30 on
// 1 January means the new year, even though it is still 31 December in UTC.
import { rigaDay } from '../i18n/dates';

/** The periods a supervisor reports on most: monthly and yearly. */
export const QUICK_PERIODS = ['thisMonth', 'lastMonth', 'thisYear', 'lastYear'] as const;

export type QuickPeriod = (typeof QUICK_PERIODS)[number];

/** First and last day, inclusive, as `yyyy-mm-dd`. */
export interface Period {
  from: string;
  to: string;
}

const day = (year: number, month: number, date: number) =>
  `${year}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;

/** Day 0 of the next month is the last day of this one; the calendar knows leap years. */
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

const wholeMonth = (year: number, month: number): Period => ({
  from: day(year, month, 1),
  to: day(year, month, lastDay(year, month)),
});

/** The whole month or year `choice` names, as seen from Rīga at `now`. */
export function quickPeriod(choice: QuickPeriod, now: Date): Period {
  const [year, month] = rigaDay(now).split('-').map(Number) as [number, number];
  switch (choice) {
    case 'thisMonth':
      return wholeMonth(year, month);
    case 'lastMonth':
      return month === 1 ? wholeMonth(year - 1, 12) : wholeMonth(year, month - 1);
    case 'thisYear':
      return { from: day(year, 1, 1), to: day(year, 12, 31) };
    case 'lastYear':
      return { from: day(year - 1, 1, 1), to: day(year - 1, 12, 31) };
  }
}

/**
 * The week so far as seen from Rīga at `now`: Monday to today (one day on a
 * Monday), the period a supervisor's overview counts.
 */
export function weekSoFar(now: Date): Period {
  const today = rigaDay(now);
  const [year, month, date] = today.split('-').map(Number) as [number, number, number];
  // getUTCDay counts from Sunday (0); Monday is day 0 of the week here.
  const sinceMonday = (new Date(Date.UTC(year, month - 1, date)).getUTCDay() + 6) % 7;
  const monday = new Date(Date.UTC(year, month - 1, date - sinceMonday));
  return { from: day(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate()), to: today };
}
