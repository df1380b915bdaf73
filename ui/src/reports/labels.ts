import type { BreakdownKind, ReportRow } from '../ipc/backend';
import type { I18n } from '../i18n';
import { countryNamer } from '../calls/options';

/** The breakdowns drawn as bar charts, in the order they are drawn. */
export const CHARTED: readonly BreakdownKind[] = ['month', 'subject', 'country'];

/**
 * A row's name in the UI language. The backend names destination countries
 * by their ISO code only, so the platform's country names are added here.
 */
export function rowLabeller(kind: BreakdownKind, i18n: I18n): (row: ReportRow) => string {
  if (kind !== 'country') return (row) => i18n.localize(row.label);
  const countryName = countryNamer(i18n.locale);
  return (row) => {
    if (!/^[A-Z]{2}$/.test(row.key)) return i18n.localize(row.label);
    const name = countryName(row.key);
    return name === row.key ? name : `${name} (${row.key})`;
  };
}
