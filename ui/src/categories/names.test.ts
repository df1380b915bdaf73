import { describe, expect, it } from 'vitest';
import type { Category } from '../ipc/backend';
import { categoryName } from './names';

const list: Category[] = [
  { code: 'forcedLabour', kind: 'subject', names: { lv: 'Piespiedu darbs', en: 'Forced labour', ru: 'Принудительный труд' }, ctdc: 'forcedLabour', retired: false },
  { code: 'onlineRecruitment', kind: 'subject', names: { lv: 'Vervēšana internetā', en: 'Online recruitment', ru: '' }, ctdc: 'forcedLabour', retired: true },
];

describe('categoryName', () => {
  it('names a code in the UI language', () => {
    expect(categoryName(list, 'forcedLabour', 'lv')).toBe('Piespiedu darbs');
    expect(categoryName(list, 'forcedLabour', 'en')).toBe('Forced labour');
    expect(categoryName(list, 'forcedLabour', 'ru')).toBe('Принудительный труд');
  });

  it('falls back to Latvian for a category without a Russian name', () => {
    expect(categoryName(list, 'onlineRecruitment', 'ru')).toBe('Vervēšana internetā');
  });

  it('shows a code no category has, or any code before the list is read, as it is', () => {
    expect(categoryName(list, 'debtBondage', 'lv')).toBe('debtBondage');
    expect(categoryName(null, 'forcedLabour', 'en')).toBe('forcedLabour');
  });
});
