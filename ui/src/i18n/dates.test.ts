import { describe, expect, it } from 'vitest';
import { formatDay, parseDay } from './dates';

describe('parseDay', () => {
  it('reads dd.mm.yyyy as the ISO day filters use', () => {
    expect(parseDay('23.11.2026')).toBe('2026-11-23');
    expect(parseDay('01.01.2026')).toBe('2026-01-01');
    expect(parseDay('31.12.2025')).toBe('2025-12-31');
  });

  it('takes single-digit days and months', () => {
    expect(parseDay('1.2.2026')).toBe('2026-02-01');
    expect(parseDay('5.11.2026')).toBe('2026-11-05');
    expect(parseDay('23.1.2026')).toBe('2026-01-23');
  });

  it('reads a two-digit year as 20yy', () => {
    expect(parseDay('23.11.26')).toBe('2026-11-23');
    expect(parseDay('1.2.00')).toBe('2000-02-01');
    expect(parseDay('31.12.99')).toBe('2099-12-31');
  });

  it('ignores spaces around the day', () => {
    expect(parseDay('  23.11.2026 ')).toBe('2026-11-23');
  });

  it('treats a blank box as no day', () => {
    expect(parseDay('')).toBeNull();
    expect(parseDay('   ')).toBeNull();
  });

  it('knows leap years', () => {
    expect(parseDay('29.02.2028')).toBe('2028-02-29');
    expect(parseDay('29.02.2000')).toBe('2000-02-29');
    expect(parseDay('29.02.24')).toBe('2024-02-29');
    expect(parseDay('29.02.2027')).toBe('invalid');
    expect(parseDay('29.02.2100')).toBe('invalid');
  });

  it('rejects days that are not on the calendar', () => {
    for (const text of ['31.02.2026', '30.02.2026', '31.04.2026', '31.11.2026', '32.01.2026', '00.01.2026', '15.00.2026', '15.13.2026']) {
      expect(parseDay(text), text).toBe('invalid');
    }
  });

  it('rejects other ways of writing a day and half-typed ones', () => {
    for (const text of [
      '2026-11-23',
      '11/23/2026',
      '23/11/2026',
      '23-11-2026',
      '23 11 2026',
      '23.11',
      '23.11.',
      '23.11.202',
      '23.11.20266',
      '123.11.2026',
      '23.11.2026.',
      'a.b.cccc',
      'rīt',
    ]) {
      expect(parseDay(text), text).toBe('invalid');
    }
  });

  it('rejects years before 1900 as typos', () => {
    expect(parseDay('23.11.0026')).toBe('invalid');
    expect(parseDay('23.11.1899')).toBe('invalid');
    expect(parseDay('01.01.1900')).toBe('1900-01-01');
  });

  it('round-trips with formatDay', () => {
    expect(formatDay(parseDay('1.2.26') as string)).toBe('01.02.2026');
  });
});
