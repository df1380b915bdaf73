import { useRef, useState } from 'preact/hooks';
import type { Texts } from '../ipc/backend';
import { type MessageKey, useI18n } from '../i18n';
import { FormError, FormStatus } from '../forms/Field';
import { useCategories } from '../categories/CategoriesProvider';
import { inLanguage } from '../referrals/options';
import { AddCategoryForm } from './AddCategoryForm';
import { CategoryRow, type CategoryChange } from './CategoryRow';

/** The last change made here, said under the table in the language of the moment. */
interface Done {
  key: MessageKey;
  names: Texts;
}

/**
 * Supervisors: the organisation's call subjects. Each can be retired (no new
 * call offers it, old calls keep it) and restored, or deleted while no call
 * uses it; new ones are added below. Changes reach every laptop by sync.
 */
export function CategoriesPanel() {
  const { t, locale, localize } = useI18n();
  const { list, problem, reload } = useCategories();
  const [done, setDone] = useState<Done | null>(null);
  const title = useRef<HTMLHeadingElement>(null);

  async function changed(change: CategoryChange, names: Texts) {
    setDone({ key: `settings.categories.${change}Done`, names });
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
        {list !== null && (
          <div class="table-scroll">
            <table id="categories-table" class="table">
              <thead>
                <tr>
                  <th scope="col">{t('settings.categories.name')}</th>
                  <th scope="col">{t('settings.categories.code')}</th>
                  <th scope="col">{t('settings.categories.ctdc')}</th>
                  <th scope="col">{t('settings.categories.status')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t('settings.categories.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((category) => (
                  <CategoryRow key={category.code} category={category} onChanged={(change) => changed(change, category.names)} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        <FormStatus text={done ? t(done.key, { name: inLanguage(done.names, locale) }) : undefined} />
      </section>
      <AddCategoryForm onAdded={reload} />
    </>
  );
}
