import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../app/App';
import type { Account } from '../ipc/backend';
import { consultant, fakeBackend, type FakeBackend, publicError, sessionFor, supervisor } from '../testing/fakeBackend';
import { coreRefusal } from '../testing/fixtures';
import { $, click, get, mount, press, settle, text, type, unmount } from '../testing/dom';
import { formatSize } from '../i18n/sizes';

afterEach(unmount);

async function openSettingsAs(account: typeof supervisor, seed?: (backend: FakeBackend) => void) {
  const backend = fakeBackend({ state: 'locked', language: 'lv', session: sessionFor(account) });
  seed?.(backend);
  await mount(<App backend={backend} />);
  await click('#nav-settings');
  return backend;
}

describe('settings', () => {
  it('shows consultants only their own settings', async () => {
    const backend = await openSettingsAs(consultant);
    expect($('#passwd-current')).not.toBeNull();
    expect($('#settings-auto-lock')).toBeNull();
    expect($('#accounts-table')).toBeNull();
    expect($('#account-add-login')).toBeNull();
    expect(backend.listAccounts).not.toHaveBeenCalled();
  });

  it('lists the accounts for a supervisor with dates as dd.mm.yyyy', async () => {
    await openSettingsAs(supervisor);
    const rows = [...get('#accounts-table').querySelectorAll('tbody tr')].map((row) => row.textContent);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('Anna Bērziņa');
    expect(rows[0]).toContain('(jūs)');
    expect(rows[1]).toContain('juris');
    expect(rows[1]).toContain('Konsultants');
    expect(rows[1]).toContain('Latgale');
    expect(rows[1]).toContain('21.11.2025');
  });

  it('adds an account and shows it in the table', async () => {
    const backend = await openSettingsAs(supervisor);
    await type('#account-add-login', 'liga');
    await type('#account-add-display-name', 'Līga Kalniņa');
    await type('#account-add-role', 'consultant');
    await type('#account-add-region', 'zemgale');
    await type('#account-add-passphrase', 'sākotnējā parole 1');
    await type('#account-add-passphrase-repeat', 'sākotnējā parole 1');
    await click('#account-add-submit');

    expect(backend.addAccount).toHaveBeenCalledWith(
      { login: 'liga', displayName: 'Līga Kalniņa', role: 'consultant', homeRegion: 'zemgale' },
      'sākotnējā parole 1',
    );
    expect(text('#accounts-table')).toContain('Līga Kalniņa');
    expect(text('.form-status:not(:empty)')).toBe('Konts “liga” izveidots.');
    expect(get<HTMLInputElement>('#account-add-login').value).toBe('');
  });

  it('shows a taken login next to the login field', async () => {
    const backend = await openSettingsAs(supervisor);
    backend.addAccount.mockRejectedValueOnce(
      publicError('loginTaken', 'Šis lietotājvārds jau ir aizņemts.', 'This login is already taken.', { field: 'login' }),
    );
    await type('#account-add-login', 'juris');
    await type('#account-add-display-name', 'Juris Otrais');
    await type('#account-add-passphrase', 'sākotnējā parole 1');
    await type('#account-add-passphrase-repeat', 'sākotnējā parole 1');
    await click('#account-add-submit');
    expect(get('#account-add-login').closest('.field')?.querySelector('.field-error')?.textContent).toBe(
      'Šis lietotājvārds jau ir aizņemts.',
    );
    expect(text('#accounts-table')).not.toContain('Juris Otrais');
  });

  it('saves the auto-lock minutes and refuses values out of range', async () => {
    const backend = await openSettingsAs(supervisor);
    expect(get<HTMLInputElement>('#settings-auto-lock').value).toBe('10');

    await type('#settings-auto-lock', '0');
    await click('#settings-auto-lock-save');
    expect(backend.setAutoLockMinutes).not.toHaveBeenCalled();
    expect(text('.field-error')).toBe('Ievadiet veselu skaitli no 1 līdz 240.');

    await type('#settings-auto-lock', '15');
    await click('#settings-auto-lock-save');
    expect(backend.setAutoLockMinutes).toHaveBeenCalledWith(15);
    expect($('.field-error')).toBeNull();

    // The saved value survives leaving and reopening settings.
    await click('#nav-calls');
    await click('#nav-settings');
    expect(get<HTMLInputElement>('#settings-auto-lock').value).toBe('15');
  });

  it('changes the passphrase only when the new one is typed twice the same', async () => {
    const backend = await openSettingsAs(consultant);
    await type('#passwd-current', 'vecā parole 123');
    await type('#passwd-new', 'jaunā parole 123');
    await type('#passwd-repeat', 'jaunā parole 12');
    await click('#passwd-submit');
    expect(backend.changePassphrase).not.toHaveBeenCalled();
    expect(text('.field-error')).toContain('Paroles nesakrīt');

    await type('#passwd-repeat', 'jaunā parole 123');
    await click('#passwd-submit');
    expect(backend.changePassphrase).toHaveBeenCalledWith('vecā parole 123', 'jaunā parole 123');
    expect(text('.form-status:not(:empty)')).toContain('Parole nomainīta');
    expect(get<HTMLInputElement>('#passwd-new').value).toBe('');
  });

  it('points at the current passphrase when it is wrong', async () => {
    const backend = await openSettingsAs(consultant);
    backend.changePassphrase.mockRejectedValueOnce(
      publicError('wrongCredentials', 'Nepareiza parole.', 'Wrong passphrase.'),
    );
    await type('#passwd-current', 'kļūdaina parole');
    await type('#passwd-new', 'jaunā parole 123');
    await type('#passwd-repeat', 'jaunā parole 123');
    await click('#passwd-submit');
    expect(get('#passwd-current').getAttribute('aria-invalid')).toBe('true');
    expect(text('.field-error')).toBe('Nepareiza parole.');
    expect(document.activeElement?.id).toBe('passwd-current');
  });

  it('switches the language from the settings too', async () => {
    const backend = await openSettingsAs(consultant);
    await type('#settings-language', 'en');
    expect(backend.setLanguage).toHaveBeenCalledWith('en');
    expect(text('#section-title')).toBe('Settings');
  });
});

describe('staff accounts', () => {
  /** An account that only arrived by sync: core lists it under a placeholder login. */
  const synced: Account = {
    id: '7d3f9c1e-2b4a-4c8e-9f10-3a5b6c7d8e9f',
    login: '~7d3f9c1e2b4a4c8e9f103a5b6c7d8e9f',
    displayName: 'Marta Liepa',
    role: 'consultant',
    homeRegion: 'kurzeme',
    createdAt: '2025-11-22T08:00:00Z',
    disabledAt: null,
  };

  const rowOf = (selector: string) => get(selector).closest('tr') as HTMLTableRowElement;

  it('disables a consultant and shows since when', async () => {
    const backend = await openSettingsAs(supervisor);
    expect(rowOf('#account-change-juris').querySelector('.account-status')?.textContent).toBe('Aktīvs');

    await click('#account-change-juris');
    expect(document.activeElement?.id).toBe('account-edit-role');
    expect(get<HTMLSelectElement>('#account-edit-role').value).toBe('consultant');
    expect(get<HTMLSelectElement>('#account-edit-region').value).toBe('latgale');
    expect(get<HTMLInputElement>('#account-edit-disabled').checked).toBe(false);
    await click('#account-edit-disabled');
    await click('#account-edit-save');

    expect(backend.changeAccount).toHaveBeenCalledWith('acc-2', { role: 'consultant', homeRegion: 'latgale', disabled: true });
    expect(rowOf('#account-change-juris').querySelector('.account-status')?.textContent).toBe('Atslēgts kopš 23.11.2025');
    expect($('#account-editor')).toBeNull();
    expect(document.activeElement?.id).toBe('account-change-juris');
    expect(text('.form-status:not(:empty)')).toBe('Konta “Juris Ozols” izmaiņas saglabātas.');
  });

  it('changes the role and home region', async () => {
    const backend = await openSettingsAs(supervisor);
    await click('#account-change-juris');
    await type('#account-edit-role', 'supervisor');
    await type('#account-edit-region', 'zemgale');
    await click('#account-edit-save');
    expect(backend.changeAccount).toHaveBeenCalledWith('acc-2', { role: 'supervisor', homeRegion: 'zemgale', disabled: false });
    const row = rowOf('#account-change-juris').textContent;
    expect(row).toContain('Supervizors');
    expect(row).toContain('Zemgale');
  });

  it('enables a disabled account again', async () => {
    const backend = await openSettingsAs(supervisor, (fake) => {
      fake.accounts[1] = { ...consultant, disabledAt: '2025-11-22T15:00:00Z' };
    });
    expect(rowOf('#account-change-juris').querySelector('.account-status')?.textContent).toBe('Atslēgts kopš 22.11.2025');
    await click('#account-change-juris');
    expect(get<HTMLInputElement>('#account-edit-disabled').checked).toBe(true);
    await click('#account-edit-disabled');
    await click('#account-edit-save');
    expect(backend.changeAccount).toHaveBeenCalledWith('acc-2', { role: 'consultant', homeRegion: 'latgale', disabled: false });
    expect(rowOf('#account-change-juris').querySelector('.account-status')?.textContent).toBe('Aktīvs');
  });

  it('shows a refused change and leaves the row as it was', async () => {
    const backend = await openSettingsAs(supervisor);
    // The signed-in supervisor lost the role on another laptop meanwhile.
    backend.changeAccount.mockRejectedValueOnce(coreRefusal('supervisorOnly'));
    await click('#account-change-juris');
    await click('#account-edit-disabled');
    await click('#account-edit-save');

    expect(text('#account-editor .form-error')).toBe('To drīkst darīt tikai supervizors. Lūdziet supervizoram palīdzību.');
    expect(rowOf('#account-change-juris').querySelector('.account-status')?.textContent).toBe('Aktīvs');
    expect(get<HTMLInputElement>('#account-edit-disabled').checked).toBe(true);
  });

  it('shows a refusal of one\'s own account change as core words it', async () => {
    const backend = await openSettingsAs(supervisor);
    backend.changeAccount.mockRejectedValueOnce(
      publicError('ownAccountChange', 'Savu kontu nevar atslēgt, un savu lomu nevar mainīt.', 'You cannot disable your own account or change your own role.'),
    );
    await click('#account-change-juris');
    await type('#account-edit-role', 'supervisor');
    await click('#account-edit-save');
    expect(text('#account-editor .form-error')).toBe('Savu kontu nevar atslēgt, un savu lomu nevar mainīt.');
    expect(rowOf('#account-change-juris').textContent).toContain('Konsultants');
  });

  it('closes the editor with Escape, changing nothing, and returns focus to the row', async () => {
    const backend = await openSettingsAs(supervisor);
    await click('#account-change-juris');
    expect(get('#account-change-juris').getAttribute('aria-expanded')).toBe('true');
    await type('#account-edit-role', 'supervisor');
    await press('Escape');
    expect($('#account-editor')).toBeNull();
    expect(document.activeElement?.id).toBe('account-change-juris');
    expect(get('#account-change-juris').getAttribute('aria-expanded')).toBe('false');
    expect(backend.changeAccount).not.toHaveBeenCalled();
    expect(rowOf('#account-change-juris').textContent).toContain('Konsultants');
  });

  it('offers nothing to change on the signed-in supervisor\'s own row', async () => {
    await openSettingsAs(supervisor);
    const own = get('#accounts-table tbody tr');
    expect(own.textContent).toContain('(jūs)');
    expect(own.querySelector('button')).toBeNull();
    expect($('#account-change-anna')).toBeNull();
    expect($('#account-change-juris')).not.toBeNull();
  });

  it('resets a forgotten passphrase only when typed twice the same', async () => {
    const backend = await openSettingsAs(supervisor);
    await click('#account-change-juris');
    await type('#account-reset-passphrase', 'jaunā parole 123');
    await type('#account-reset-passphrase-repeat', 'jaunā parole 12');
    await click('#account-reset-submit');
    expect(backend.resetPassphrase).not.toHaveBeenCalled();
    expect(text('#account-reset-passphrase-repeat-error')).toBe('Paroles nesakrīt: ievadiet to pašu paroli abos laukos.');
    expect(document.activeElement?.id).toBe('account-reset-passphrase-repeat');

    await type('#account-reset-passphrase-repeat', 'jaunā parole 123');
    await click('#account-reset-submit');
    expect(backend.resetPassphrase).toHaveBeenCalledWith('juris', 'jaunā parole 123');
    expect(text('#account-reset .form-status')).toBe('Jaunā parole kontam “juris” iestatīta.');
    expect(get<HTMLInputElement>('#account-reset-passphrase').value).toBe('');
    expect($('#account-reset-passphrase-repeat-error')).toBeNull();
  });

  it('shows a too short passphrase next to the field', async () => {
    const backend = await openSettingsAs(supervisor);
    backend.resetPassphrase.mockRejectedValueOnce(
      publicError('invalidInput', 'Parolei jābūt vismaz 10 rakstzīmēm.', 'The passphrase must be at least 10 characters.', {
        field: 'passphrase',
      }),
    );
    await click('#account-change-juris');
    await type('#account-reset-passphrase', 'īsa');
    await type('#account-reset-passphrase-repeat', 'īsa');
    await click('#account-reset-submit');
    expect(text('#account-reset-passphrase-error')).toBe('Parolei jābūt vismaz 10 rakstzīmēm.');
    expect(document.activeElement?.id).toBe('account-reset-passphrase');
    expect(text('#account-reset .form-status')).toBe('');
  });

  it('lists an account that arrived by sync without its login and without a passphrase reset', async () => {
    const backend = await openSettingsAs(supervisor, (fake) => fake.accounts.push(synced));
    const row = rowOf('#account-change-7d3f9c1e');
    expect(row.textContent).toContain('Marta Liepa');
    expect(row.textContent).toContain('nav šajā datorā');
    expect(row.textContent).not.toContain('~');

    await click('#account-change-7d3f9c1e');
    expect($('#account-edit-role')).not.toBeNull();
    expect($('#account-reset-passphrase')).toBeNull();
    await click('#account-edit-disabled');
    await click('#account-edit-save');
    expect(backend.changeAccount).toHaveBeenCalledWith(synced.id, { role: 'consultant', homeRegion: 'kurzeme', disabled: true });
    expect(rowOf('#account-change-7d3f9c1e').querySelector('.account-status')?.textContent).toBe('Atslēgts kopš 23.11.2025');
  });

  it('lets a colleague who arrived by sync sign in on this laptop in one step', async () => {
    const backend = await openSettingsAs(supervisor, (fake) => fake.accounts.push(synced));
    await click('#account-change-7d3f9c1e');
    await type('#account-admit-login', 'marta');
    await type('#account-admit-passphrase', 'Martas parole 2026');
    await type('#account-admit-passphrase-repeat', 'cita parole 2026');
    await click('#account-admit-submit');
    expect(backend.admitAccount).not.toHaveBeenCalled();
    expect(text('#account-admit-passphrase-repeat-error')).toContain('Paroles nesakrīt');

    backend.admitAccount.mockRejectedValueOnce(publicError('loginTaken', 'Šāds lietotājvārds jau ir.', 'Taken.'));
    await type('#account-admit-passphrase-repeat', 'Martas parole 2026');
    await click('#account-admit-submit');
    expect(backend.admitAccount).toHaveBeenCalledWith(synced.id, 'marta', 'Martas parole 2026');
    expect(text('#account-admit')).toContain('Šāds lietotājvārds jau ir.');
    expect($('#account-editor')).not.toBeNull();

    await click('#account-admit-submit');
    expect($('#account-editor')).toBeNull();
    expect(rowOf('#account-change-marta').textContent).toContain('marta');
  });
});

describe('backups and retention', () => {
  it('are not offered to consultants', async () => {
    const backend = await openSettingsAs(consultant);
    expect($('#backup-now')).toBeNull();
    expect($('#settings-retention')).toBeNull();
    expect(backend.retentionYears).not.toHaveBeenCalled();
  });

  it('backs up where the supervisor chose and says where and how big', async () => {
    const backend = await openSettingsAs(supervisor);
    await click('#backup-now');
    expect(backend.backUp).toHaveBeenCalledTimes(1);
    expect(text('#backup-result')).toBe('Rezerves kopija saglabāta: /home/anna/hotline-2026-11-23.backup (2,5 MB)');
    expect(get('#backup-result').className).toBe('form-status');
  });

  it('says that a closed save window saved nothing', async () => {
    const backend = await openSettingsAs(supervisor);
    backend.backUp.mockResolvedValueOnce(null);
    await click('#backup-now');
    expect(text('#backup-result')).toBe('Nekas netika saglabāts: saglabāšanas logs tika aizvērts.');
    expect(get('#backup-result').className).not.toContain('form-status');
  });

  it('shows a failed backup as an error', async () => {
    const backend = await openSettingsAs(supervisor);
    backend.backUp.mockRejectedValueOnce(publicError('storage', 'Neizdevās ierakstīt failu.', 'Could not write the file.'));
    await click('#backup-now');
    expect(text('#backup-error')).toBe('Neizdevās ierakstīt failu.');
  });

  it('shows how far a running backup is, and a stopped one says nothing was kept', async () => {
    const backend = await openSettingsAs(supervisor);
    let stopBackup: (reason: unknown) => void = () => undefined;
    backend.backUp.mockReturnValueOnce(new Promise((_, reject) => (stopBackup = reject)));
    backend.longWorkProgress.mockResolvedValue({ unit: 'pages', done: 40, total: 160 });
    await click('#backup-now');
    expect(text('#backup-progress-text')).toBe('Saglabā rezerves kopiju: 40 no 160 lapām');
    await click('#backup-progress-stop');
    expect(backend.cancelLongWork).toHaveBeenCalledTimes(1);

    stopBackup(publicError('longWorkCancelled', 'Darbs apturēts. Nekas nav mainīts.', 'The work was stopped. Nothing was changed.'));
    await settle();
    expect($('#backup-progress')).toBeNull();
    expect(text('#backup-result')).toBe('Darbs apturēts. Nekas nav mainīts.');
    expect($('#backup-error')).toBeNull();
  });

  it('shows sizes the way each language writes numbers', () => {
    expect(formatSize(912, 'lv')).toBe('912 B');
    expect(formatSize(2_621_440, 'lv')).toBe('2,5 MB');
    expect(formatSize(2_621_440, 'en')).toBe('2.5 MB');
    expect(formatSize(3 * 1024 ** 3, 'en')).toBe('3 GB');
  });

  it('saves the retention period from 1 to 50 years and refuses others', async () => {
    const backend = await openSettingsAs(supervisor);
    expect(get<HTMLInputElement>('#settings-retention').value).toBe('5');

    await type('#settings-retention', '51');
    await click('#settings-retention-save');
    expect(backend.setRetentionYears).not.toHaveBeenCalled();
    expect(text('#settings-retention-error')).toBe('Ievadiet veselu skaitli no 1 līdz 50.');
    expect(document.activeElement?.id).toBe('settings-retention');

    await type('#settings-retention', '7');
    await click('#settings-retention-save');
    expect(backend.setRetentionYears).toHaveBeenCalledWith(7);
    expect($('#settings-retention-error')).toBeNull();
    expect(text('.form-status:not(:empty)')).toBe('Saglabāts: zvani tiek glabāti pilnā apjomā 7 g.');

    await click('#nav-calls');
    await click('#nav-settings');
    expect(get<HTMLInputElement>('#settings-retention').value).toBe('7');
  });

  it('runs retention on demand and says how many calls from before which day', async () => {
    const backend = await openSettingsAs(supervisor);
    backend.runRetention.mockResolvedValueOnce({ retentionYears: 5, cutoff: '2021-11-23T10:00:00Z', due: 12, anonymised: 12, held: null });
    await click('#retention-run');
    expect(backend.runRetention).toHaveBeenCalledWith(false);
    expect(text('#retention-result')).toBe('Pārbaude pabeigta: anonimizēti zvani 12 (sākti pirms 23.11.2021).');
  });

  it('holds more than a hundred due calls until the supervisor confirms the number', async () => {
    const backend = await openSettingsAs(supervisor);
    const due = { retentionYears: 1, cutoff: '2024-11-23T10:00:00Z', due: 340 };
    backend.runRetention
      .mockResolvedValueOnce({ ...due, anonymised: 0, held: 'awaitingConfirmation' })
      .mockResolvedValueOnce({ ...due, anonymised: 340, held: null });
    await click('#retention-run');
    expect(text('#retention-result')).toBe(
      'Termiņu pārsniedz 340 zvani (sākti pirms 23.11.2024). Vairāk nekā 100 zvanus vienā reizē anonimizē tikai pēc apstiprinājuma: pārbaudiet termiņu un apstipriniet.',
    );
    await click('#retention-confirm');
    expect(backend.runRetention).toHaveBeenLastCalledWith(true);
    expect(text('#retention-result')).toBe('Pārbaude pabeigta: anonimizēti zvani 340 (sākti pirms 23.11.2024).');
    expect($('#retention-confirm')).toBeNull();
  });

  it('says a run was held because the clock disagreed with the server', async () => {
    const backend = await openSettingsAs(supervisor);
    backend.runRetention.mockResolvedValueOnce({
      retentionYears: 5, cutoff: '2021-11-23T10:00:00Z', due: 3, anonymised: 0, held: 'clockDisagrees',
    });
    await click('#retention-run');
    expect(text('#retention-result')).toContain('pulkstenis atšķīrās no servera pulksteņa');
    expect($('#retention-confirm')).toBeNull();
  });

  it('shows a refused retention run as an error', async () => {
    const backend = await openSettingsAs(supervisor);
    backend.runRetention.mockRejectedValueOnce(publicError('storage', 'Neizdevās ierakstīt.', 'Could not write.'));
    await click('#retention-run');
    expect(text('#retention-error')).toBe('Neizdevās ierakstīt.');
    expect(text('#retention-result')).toBe('');
  });
});
