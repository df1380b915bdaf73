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
