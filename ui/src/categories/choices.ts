import type { Category, CategoryKind } from '../ipc/backend';

/**
 * What a call can be given of one kind (its subjects, or its line), in the
 * order the categories are listed: the active ones, and those the call
 * already had even if retired since (or not synced to this laptop yet, shown
 * by their code, last).
 */
export function choicesOf(list: readonly Category[], kind: CategoryKind, kept: readonly string[]): string[] {
  const ofKind = list.filter((category) => category.kind === kind);
  const listed = ofKind.filter((category) => !category.retired || kept.includes(category.code)).map((category) => category.code);
  return [...listed, ...kept.filter((code) => !ofKind.some((category) => category.code === code))];
}

/** Every code of one kind, retired ones too: a filter still finds the calls that have them. */
export function codesOf(list: readonly Category[], kind: CategoryKind): string[] {
  return list.filter((category) => category.kind === kind).map((category) => category.code);
}

/** The kinds of category, in the order settings shows them. */
export const CATEGORY_KINDS: readonly CategoryKind[] = ['subject', 'line'];
