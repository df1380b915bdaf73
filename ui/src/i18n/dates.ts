// Dates are shown as dd.mm.yyyy in Europe/Riga time, whatever the UI language.
const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Riga',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

/** `2025-11-23T22:30:00Z` → `24.11.2025`; an unparseable value is returned as it is. */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const byType = Object.fromEntries(parts.formatToParts(date).map((p) => [p.type, p.value]));
  return `${byType.day}.${byType.month}.${byType.year}`;
}

const clock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Riga',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function rigaParts(date: Date): Record<string, string> {
  return Object.fromEntries(clock.formatToParts(date).map((p) => [p.type, p.value]));
}

/** `2025-11-23T09:05:00Z` → `23.11.2025 11:05` (Rīga time). */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const p = rigaParts(date);
  return `${p.day}.${p.month}.${p.year} ${p.hour}:${p.minute}`;
}

/** The Rīga wall-clock time, `HH:MM`. */
export function formatTime(date: Date): string {
  const p = rigaParts(date);
  return `${p.hour}:${p.minute}`;
}

/** The Rīga calendar day of an instant as `yyyy-mm-dd` (what filters and follow-ups use). */
export function rigaDay(date: Date): string {
  const p = rigaParts(date);
  return `${p.year}-${p.month}-${p.day}`;
}

/** A calendar day `2026-11-24` → `24.11.2026`. */
export function formatDay(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return match ? `${match[3]}.${match[2]}.${match[1]}` : day;
}

/** What `parseDay` says about a day that is not written as dd.mm.yyyy or is not on the calendar. */
export const INVALID_DAY = 'invalid';

const TYPED_DAY = /^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})$/;

/**
 * A day as people here type it → the `yyyy-mm-dd` that filters and the backend use.
 * Takes `23.11.2026`, `1.2.2026` and `23.11.26` (read as 2026); blank is `null`.
 * Anything else, and days that do not exist (31.02.2026, 29.02.2027) or years
 * before 1900 (a typo such as 0026), is `'invalid'`, so the caller can say so
 * instead of quietly searching for the wrong day.
 */
export function parseDay(text: string): string | null | typeof INVALID_DAY {
  const typed = text.trim();
  if (typed === '') return null;
  const match = TYPED_DAY.exec(typed);
  if (!match) return INVALID_DAY;
  const [, d = '', m = '', y = ''] = match;
  const year = y.length === 2 ? 2000 + Number(y) : Number(y);
  const month = Number(m);
  const day = Number(d);
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return INVALID_DAY;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Day 0 of the next month is the last day of this one; the calendar knows leap years. */
function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Elapsed time as `mm:ss` (minutes keep counting past 59). */
export function formatElapsed(milliseconds: number): string {
  const seconds = Math.max(0, Math.floor(milliseconds / 1000));
  const minutes = Math.floor(seconds / 60);
  return `${String(minutes).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}
