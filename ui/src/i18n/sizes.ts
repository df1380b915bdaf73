import type { Locale } from '.';

const UNITS = ['B', 'KB', 'MB', 'GB'] as const;

/** `2621440` → `2,5 MB` in Latvian, `2.5 MB` in English (binary multiples, as file managers show them). */
export function formatSize(bytes: number, locale: Locale): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value);
  return `${number} ${UNITS[unit]}`;
}
