import type { Category } from '../ipc/backend';
import { type Locale, useI18n } from '../i18n';
import { inLanguage } from '../referrals/options';
import { useCategories } from './CategoriesProvider';

/**
 * A category's name in `locale`, Latvian where it has none in that language;
 * a code no category has (not yet synced, say) is shown as it is.
 */
export function categoryName(list: readonly Category[] | null, code: string, locale: Locale): string {
  const category = list?.find((held) => held.code === code);
  return category ? inLanguage(category.names, locale) : code;
}

export interface CategoryNames {
  /** A code's name in the UI language. */
  name: (code: string) => string;
  /** A code's name as a choice: marked when its category is retired. */
  choice: (code: string) => string;
  /** A call's subjects, named and joined. */
  subjects: (codes: readonly string[]) => string;
}

/** Names category codes in the UI language, from the session's categories. */
export function useCategoryNames(): CategoryNames {
  const { list } = useCategories();
  const { t, locale } = useI18n();
  const name = (code: string) => categoryName(list, code, locale);
  return {
    name,
    choice: (code) =>
      list?.find((held) => held.code === code)?.retired ? t('categories.retiredChoice', { name: name(code) }) : name(code),
    subjects: (codes) => codes.map(name).join(', '),
  };
}
