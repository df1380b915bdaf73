import { useRef, useState } from 'preact/hooks';
import type { Category, Texts } from '../ipc/backend';
import { type MessageKey, useI18n } from '../i18n';
import { FormError, FormStatus } from '../forms/Field';
import { useCategories } from '../categories/CategoriesProvider';
import { CATEGORY_KINDS } from '../categories/choices';
import { inLanguage } from '../referrals/options';
import { AddCategoryForm } from './AddCategoryForm';
import { CategoryGroup } from './CategoryGroup';
import type { CategoryChange } from './CategoryRow';

/** The last change made here, said under the tables in the language of the moment. */
interface Done {
  key: MessageKey;
  names: Texts;
}

/**
 * Supervisors: the organisation's call subjects and the lines and channels
 * calls come in on, each kind in its own table. Each can be retired (no new
 * call offers it, old calls keep it) and restored, or deleted while no call
 * uses it; new ones are added below. Changes reach every laptop by sync.
 */
export function CategoriesPanel() {
  const { t, locale, localize } = useI18n();
  const { list, problem, reload } = useCategories();
  const [done, setDone] = useState<Done | null>(null);
  const title = useRef<HTMLHeadingElement>(null);

  async function changed(change: CategoryChange, category: Category) {
    setDone({ key: `settings.categories.${change}Done.${category.kind}`, names: category.names });
    await reload();
    // A deleted category's row and buttons are gone: focus goes to the panel.
    if (change === 'deleted') title.current?.focus();
  }

  return (
    <>
      <section class="panel" aria-labelledby="categories-title">
        <h2 id="categories-title" class="panel-title" tabIndex={-1} ref={title}>
          {t('settings.categories.title')}
        </h2>
        <p class="panel-intro">{t('settings.categories.intro')}</p>
        <FormError text={problem ? localize(problem.message) : undefined} />
        {list === null && !problem && <p class="muted">{t('app.loading')}</p>}
        {list !== null &&
          CATEGORY_KINDS.map((kind) => (
            <CategoryGroup
              key={kind}
              kind={kind}
              categories={list.filter((category) => category.kind === kind)}
              onChanged={changed}
            />
          ))}
        <FormStatus text={done ? t(done.key, { name: inLanguage(done.names, locale) }) : undefined} />
      </section>
      <AddCategoryForm onAdded={reload} />
    </>
  );
}
