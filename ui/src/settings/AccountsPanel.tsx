import { useEffect, useState } from 'preact/hooks';
import type { Account, PublicError } from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { toPublicError } from '../ipc/errors';
import { useI18n } from '../i18n';
import { formatDate } from '../i18n/dates';
import { FormError, FormStatus } from '../forms/Field';
import { AccountEditor, accountHandle, signsInHere } from './AccountEditor';
import { AddAccountForm } from './AddAccountForm';

interface AccountsPanelProps {
  currentAccountId: string;
}

/**
 * Supervisors: the organisation's staff accounts, adding someone, and
 * changing or disabling anyone but oneself (a supervisor cannot lock
 * themselves out or drop their own role).
 */
export function AccountsPanel({ currentAccountId }: AccountsPanelProps) {
  const backend = useBackend();
  const { t, localize } = useI18n();
  const [accounts, setAccounts] = useState<Account[] | null>(null);
  const [loadError, setLoadError] = useState<PublicError | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  // Closing the editor puts focus back on the row's Change button; an
  // object, so asking twice for the same button moves focus twice.
  const [focusRequest, setFocusRequest] = useState<{ id: string } | null>(null);

  useEffect(() => {
    let live = true;
    backend
      .listAccounts()
      .then((list) => live && setAccounts(list))
      .catch((reason: unknown) => live && setLoadError(toPublicError(reason)));
    return () => {
      live = false;
    };
  }, [backend]);

  useEffect(() => {
    if (focusRequest) document.getElementById(focusRequest.id)?.focus();
  }, [focusRequest]);

  const edited = accounts?.find((account) => account.id === editing) ?? null;

  function close(account: Account) {
    setEditing(null);
    setFocusRequest({ id: `account-change-${accountHandle(account)}` });
  }

  function open(account: Account) {
    setSaved(null);
    setEditing(account.id);
  }

  return (
    <>
      <section class="panel" aria-labelledby="accounts-title">
        <h2 id="accounts-title" class="panel-title">
          {t('settings.accounts.title')}
        </h2>
        <FormError text={loadError ? localize(loadError.message) : undefined} />
        {accounts === null && !loadError && <p class="muted">{t('settings.accounts.loading')}</p>}
        {accounts !== null && (
          <div class="table-scroll">
            <table id="accounts-table" class="table">
              <thead>
                <tr>
                  <th scope="col">{t('settings.accounts.displayName')}</th>
                  <th scope="col">{t('settings.accounts.login')}</th>
                  <th scope="col">{t('settings.accounts.role')}</th>
                  <th scope="col">{t('settings.accounts.region')}</th>
                  <th scope="col">{t('settings.accounts.status')}</th>
                  <th scope="col">{t('settings.accounts.created')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t('settings.accounts.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {accounts.map((account) => (
                  <tr key={account.id} class={account.disabledAt ? 'account-row account-disabled' : 'account-row'}>
                    <th scope="row">
                      {account.displayName}
                      {account.id === currentAccountId && <span class="muted"> {t('settings.accounts.you')}</span>}
                    </th>
                    {signsInHere(account) ? (
                      <td class="mono">{account.login}</td>
                    ) : (
                      <td class="muted" title={t('settings.accounts.notOnThisLaptopHint')}>
                        {t('settings.accounts.notOnThisLaptop')}
                      </td>
                    )}
                    <td>{t(`role.${account.role}`)}</td>
                    <td>{t(`region.${account.homeRegion}`)}</td>
                    <td class="account-status">
                      {account.disabledAt
                        ? t('settings.accounts.disabledSince', { at: formatDate(account.disabledAt) })
                        : t('settings.accounts.active')}
                    </td>
                    <td>{formatDate(account.createdAt)}</td>
                    <td>
                      {account.id !== currentAccountId && (
                        <button
                          id={`account-change-${accountHandle(account)}`}
                          type="button"
                          class="button button-quiet"
                          aria-label={t('settings.accounts.changeNamed', { name: account.displayName })}
                          aria-expanded={editing === account.id ? 'true' : 'false'}
                          aria-controls={editing === account.id ? 'account-editor' : undefined}
                          onClick={() => (editing === account.id ? close(account) : open(account))}
                        >
                          {t('settings.accounts.change')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <FormStatus text={saved === null ? undefined : t('settings.accounts.saved', { name: saved })} />
        {edited && (
          <AccountEditor
            key={edited.id}
            account={edited}
            onSaved={(changed) => {
              setAccounts((list) => (list ?? []).map((account) => (account.id === changed.id ? changed : account)));
              setSaved(changed.displayName);
              close(changed);
            }}
            onClose={() => close(edited)}
          />
        )}
      </section>
      <AddAccountForm
        onAdded={(account) => setAccounts((list) => [...(list ?? []), account])}
      />
    </>
  );
}
