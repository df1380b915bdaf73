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

/** Elapsed time as `mm:ss` (minutes keep counting past 59). */
export function formatElapsed(milliseconds: number): string {
  const seconds = Math.max(0, Math.floor(milliseconds / 1000));
  const minutes = Math.floor(seconds / 60);
  return `${String(minutes).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}
