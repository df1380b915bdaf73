import { describe, expect, it } from 'vitest';
import type { Category, CategoryKind } from '../ipc/backend';
import { choicesOf, codesOf } from './choices';

const category = (code: string, kind: CategoryKind, retired = false): Category => ({
  code,
  kind,
  names: { lv: code, en: code, ru: '' },
  ctdc: 'none',
  retired,
});

describe('choicesOf', () => {
  const list = [
    category('shamMarriage', 'subject'),
    category('rigaLandline', 'line'),
    category('prostitution', 'subject', true),
    category('forcedLabour', 'subject'),
    category('skype', 'line', true),
    category('other', 'subject', true),
    category('chat', 'line'),
  ];

  it('offers a new call the active categories of the kind, in the order they are listed', () => {
    expect(choicesOf(list, 'subject', [])).toEqual(['shamMarriage', 'forcedLabour']);
    expect(choicesOf(list, 'line', [])).toEqual(['rigaLandline', 'chat']);
  });

  it('keeps offering a retired category the call has, in its place', () => {
    expect(choicesOf(list, 'subject', ['prostitution'])).toEqual(['shamMarriage', 'prostitution', 'forcedLabour']);
    expect(choicesOf(list, 'line', ['skype'])).toEqual(['rigaLandline', 'skype', 'chat']);
  });

  it('offers last a code of the call that no category of the kind here has yet', () => {
    expect(choicesOf(list, 'subject', ['debtBondage', 'forcedLabour'])).toEqual(['shamMarriage', 'forcedLabour', 'debtBondage']);
    expect(choicesOf(list, 'line', ['whatsapp'])).toEqual(['rigaLandline', 'chat', 'whatsapp']);
  });

  it('offers nothing of the other kind', () => {
    expect(choicesOf(list, 'line', ['rigaLandline'])).not.toContain('shamMarriage');
    expect(choicesOf(list, 'subject', ['forcedLabour'])).not.toContain('chat');
  });
});

describe('codesOf', () => {
  it('lists every category of the kind, retired ones too, in list order', () => {
    const list = [category('rigaLandline', 'line'), category('other', 'subject'), category('skype', 'line', true)];
    expect(codesOf(list, 'line')).toEqual(['rigaLandline', 'skype']);
    expect(codesOf(list, 'subject')).toEqual(['other']);
  });
});
