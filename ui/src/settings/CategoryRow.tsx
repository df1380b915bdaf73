import { useEffect, useState } from 'preact/hooks';
import type { Category, CategoryKind, PublicError } from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { toPublicError } from '../ipc/errors';
import { useI18n } from '../i18n';
import { inLanguage } from '../referrals/options';

/** What a row's action did, for the panel to say. */
export type CategoryChange = 'retired' | 'restored' | 'deleted';

interface CategoryRowProps {
  category: Category;
  /** A change was made: the panel says so and reads the list again. */
  onChanged: (change: CategoryChange) => Promise<void>;
}

/** Whether a kind's table has a CTDC column: a line always counts as none, so its table leaves it out. */
export const showsCtdc = (kind: CategoryKind) => kind === 'subject';

/**
 * One category in its kind's settings table, with Retire or Restore and Delete.
 * What the row says names the kind ("tēmu", "līniju"), as Latvian declines it.
 * Deleting asks first; a refusal (a category in use can only be retired) is
 * said on the line beneath the row, and focus goes to its Retire button.
 */
export function CategoryRow({ category, onChanged }: CategoryRowProps) {
  const backend = useBackend();
  const { t, locale, localize } = useI18n();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [refusal, setRefusal] = useState<PublicError | null>(null);
  // An object, so asking twice for the same button moves focus twice.
  const [focusRequest, setFocusRequest] = useState<{ id: string } | null>(null);
  const { code, kind, retired } = category;
  /** The table's columns, for the line beneath the row that holds its confirmation or refusal. */
  const columns = showsCtdc(kind) ? 5 : 4;
  const name = inLanguage(category.names, locale);
  const ids = {
    retire: `category-retire-${code}`,
    restore: `category-restore-${code}`,
    delete: `category-delete-${code}`,
    yes: `category-delete-yes-${code}`,
    no: `category-delete-no-${code}`,
    question: `category-delete-question-${code}`,
    error: `category-error-${code}`,
  };

  useEffect(() => {
    if (focusRequest) document.getElementById(focusRequest.id)?.focus();
  }, [focusRequest]);

  /** Runs a change; a refusal stays on the row. Resolves to whether it was made. */
  async function run(change: () => Promise<unknown>, done: CategoryChange): Promise<boolean> {
    setBusy(true);
    setRefusal(null);
    try {
      await change();
      await onChanged(done);
      return true;
    } catch (reason) {
      setRefusal(toPublicError(reason));
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function toggleRetired() {
    const made = await run(() => backend.setCategoryRetired(code, !retired), retired ? 'restored' : 'retired');
    // Focus stays on the button, which now does the opposite if the change was made.
    setFocusRequest({ id: made !== retired ? ids.restore : ids.retire });
  }

  function askToDelete() {
    setRefusal(null);
    setConfirming(true);
    setFocusRequest({ id: ids.no });
  }

  function keep() {
    setConfirming(false);
    setFocusRequest({ id: ids.delete });
  }

  async function remove() {
    setConfirming(false);
    if (!(await run(() => backend.deleteCategory(code), 'deleted'))) setFocusRequest({ id: retired ? ids.restore : ids.retire });
  }

  return (
    <>
      <tr class={retired ? 'category-row category-retired' : 'category-row'}>
        <th scope="row">{name}</th>
        <td class="mono">{code}</td>
        {showsCtdc(kind) && <td>{t(`ctdc.${category.ctdc}`)}</td>}
        <td class="category-status">{retired ? t('settings.categories.retired') : t('settings.categories.active')}</td>
        <td>
          <div class="category-actions">
            <button
              id={retired ? ids.restore : ids.retire}
              type="button"
              class="button button-quiet"
              disabled={busy}
              aria-label={t(`settings.categories.${retired ? 'restoreNamed' : 'retireNamed'}.${kind}`, { name })}
              aria-describedby={refusal ? ids.error : undefined}
              onClick={() => void toggleRetired()}
            >
              {retired ? t('settings.categories.restore') : t('settings.categories.retire')}
            </button>
            <button
              id={ids.delete}
              type="button"
              class="button button-quiet button-danger"
              disabled={busy || confirming}
              aria-label={t(`settings.categories.deleteNamed.${kind}`, { name })}
              onClick={askToDelete}
            >
              {t('settings.categories.delete')}
            </button>
          </div>
        </td>
      </tr>
      {(refusal || confirming) && (
        <tr class="category-detail">
          <td colSpan={columns}>
            {refusal && (
              <p id={ids.error} class="form-error" role="alert">
                {localize(refusal.message)}
              </p>
            )}
            {confirming && (
              <div
                class="confirm"
                role="alertdialog"
                aria-labelledby={ids.question}
                onKeyDown={(e) => {
                  if (e.key === 'Escape') {
                    e.preventDefault();
                    keep();
                  }
                }}
              >
                <p id={ids.question}>{t(`settings.categories.deleteConfirm.${kind}`, { name })}</p>
                <div class="form-actions">
                  <button id={ids.yes} type="button" class="button button-danger-solid" onClick={() => void remove()}>
                    {t('settings.categories.deleteYes')}
                  </button>
                  <button id={ids.no} type="button" class="button button-secondary" onClick={keep}>
                    {t('settings.categories.deleteNo')}
                  </button>
                </div>
              </div>
            )}
          </td>
        </tr>
      )}
    </>
  );
}
