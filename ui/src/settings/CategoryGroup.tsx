import type { Category, CategoryKind } from '../ipc/backend';
import { useI18n } from '../i18n';
import { CategoryRow, type CategoryChange, showsCtdc } from './CategoryRow';

/** Each group's heading and table; the subjects' table keeps the id it had when there were only subjects. */
const IDS: Readonly<Record<CategoryKind, { title: string; table: string }>> = {
  subject: { title: 'categories-subjects-title', table: 'categories-table' },
  line: { title: 'categories-lines-title', table: 'categories-lines' },
};

interface CategoryGroupProps {
  kind: CategoryKind;
  /** The categories of `kind`, in list order. */
  categories: readonly Category[];
  onChanged: (change: CategoryChange, category: Category) => Promise<void>;
}

/** One kind of category (the subjects, or the lines and channels) as a table under its heading. */
export function CategoryGroup({ kind, categories, onChanged }: CategoryGroupProps) {
  const { t } = useI18n();
  const ids = IDS[kind];
  return (
    <section class="category-group" aria-labelledby={ids.title}>
      <h3 id={ids.title} class="category-group-title">
        {t(`settings.categories.group.${kind}`)}
      </h3>
      <div class="table-scroll">
        <table id={ids.table} class="table" aria-labelledby={ids.title}>
          <thead>
            <tr>
              <th scope="col">{t('settings.categories.name')}</th>
              <th scope="col">{t('settings.categories.code')}</th>
              {showsCtdc(kind) && <th scope="col">{t('settings.categories.ctdc')}</th>}
              <th scope="col">{t('settings.categories.status')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('settings.categories.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {categories.map((category) => (
              <CategoryRow key={category.code} category={category} onChanged={(change) => onChanged(change, category)} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
