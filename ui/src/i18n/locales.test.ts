import { describe, expect, it } from 'vitest';
import { ALL_LOCALES, loadLocale, type Locale, type Messages, pluralKey, translate } from './index';
import { formatDate } from './dates';

const locales = [...ALL_LOCALES];
const LOCALES = Object.fromEntries(
  await Promise.all(locales.map(async (locale) => [locale, await loadLocale(locale)] as const)),
) as Record<Locale, Messages>;
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('locales', () => {
  it('include Latvian, English and Russian', () => {
    expect(locales.sort()).toEqual(['en', 'lv', 'ru']);
  });

  for (const locale of locales) {
    for (const other of locales) {
      if (locale === other) continue;
      it(`${locale} has every key that ${other} has`, () => {
        const missing = Object.keys(LOCALES[other]).filter((key) => !(key in LOCALES[locale]));
        expect(missing, `missing in ${locale}`).toEqual([]);
      });
    }

    it(`${locale} has no empty texts and keeps every placeholder`, () => {
      for (const [key, text] of Object.entries(LOCALES[locale])) {
        expect(text.trim(), `${locale}:${key}`).not.toBe('');
        const reference = (LOCALES.lv as Record<string, string>)[key] ?? '';
        expect(placeholders(text), `${locale}:${key}`).toEqual(placeholders(reference));
      }
    });
  }

  it('fills in parameters', () => {
    expect(translate('lv', 'unlock.retryIn', { seconds: 30 })).toBe('Vēlreiz pēc 30 s');
    expect(translate('en', 'settings.addAccount.done', { login: 'anna' })).toBe('Account “anna” created.');
  });
});

describe('pluralKey', () => {
  it('follows each language: Latvian 1, 21 and 101 are singular, 11 is not', () => {
    const key = (locale: Locale, count: number) => pluralKey(locale, count, 'sync.waitingOne', 'sync.waitingOther');
    expect([1, 21, 101].map((n) => key('lv', n))).toEqual(['sync.waitingOne', 'sync.waitingOne', 'sync.waitingOne']);
    expect([0, 2, 11, 12].map((n) => key('lv', n))).toEqual(Array(4).fill('sync.waitingOther'));
    expect([1, 21].map((n) => key('en', n))).toEqual(['sync.waitingOne', 'sync.waitingOther']);
  });
});

describe('formatDate', () => {
  it('shows the Riga calendar day as dd.mm.yyyy', () => {
    expect(formatDate('2025-11-23T22:30:00Z')).toBe('24.11.2025');
    expect(formatDate('2025-07-01T08:00:00Z')).toBe('01.07.2025');
  });
});
