import { describe, expect, it } from 'vitest';
import type { Category } from '../ipc/backend';
import { subjectChoices } from './SubjectChoices';

const category = (code: string, retired = false): Category => ({
  code,
  names: { lv: code, en: code, ru: '' },
  ctdc: 'none',
  retired,
});

describe('subjectChoices', () => {
  const list = [category('shamMarriage'), category('prostitution', true), category('forcedLabour'), category('other', true)];

  it('offers a new call the active categories, in the order they are listed', () => {
    expect(subjectChoices(list, [])).toEqual(['shamMarriage', 'forcedLabour']);
  });

  it('keeps offering a retired category the call has, in its place', () => {
    expect(subjectChoices(list, ['prostitution'])).toEqual(['shamMarriage', 'prostitution', 'forcedLabour']);
  });

  it('offers last a code of the call that no category here has yet', () => {
    expect(subjectChoices(list, ['debtBondage', 'forcedLabour'])).toEqual(['shamMarriage', 'forcedLabour', 'debtBondage']);
  });
});
