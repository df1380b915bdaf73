import { useEffect, useState } from 'preact/hooks';
import type { Account, PublicError } from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { toPublicError } from '../ipc/errors';
import { useI18n } from '../i18n';
import { formatDate } from '../i18n/dates';
import { FormError } from '../forms/Field';
import { AddAccountForm } from './AddAccountForm';

interface AccountsPanelProps {
  currentAccountId: string;
}

/** Supervisors: who can sign in on this computer, and adding someone. */
export function AccountsPanel({ currentAccountId }: AccountsPanelProps) {
  const backend = useBackend();
  const { t, localize } = useI18n();
  const [accounts, setAccounts] = useState<Account[] | null>(null);
  const [loadError, setLoadError] = useState<PublicError | null>(null);

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
                  <th scope="col">{t('settings.accounts.created')}</th>
                </tr>
              </thead>
              <tbody>
                {accounts.map((account) => (
                  <tr key={account.id}>
                    <th scope="row">
                      {account.displayName}
                      {account.id === currentAccountId && <span class="muted"> {t('settings.accounts.you')}</span>}
                    </th>
                    <td class="mono">{account.login}</td>
                    <td>{t(`role.${account.role}`)}</td>
                    <td>{t(`region.${account.homeRegion}`)}</td>
                    <td>{formatDate(account.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <AddAccountForm
        onAdded={(account) => setAccounts((list) => [...(list ?? []), account])}
      />
    </>
  );
}
