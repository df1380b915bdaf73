import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../app/App';
import { consultant, fakeBackend, publicError, sessionFor, supervisor } from '../testing/fakeBackend';
import { $, click, get, mount, text, type, unmount } from '../testing/dom';
import { formatSize } from './BackupPanel';

afterEach(unmount);

async function openSettingsAs(account: typeof supervisor) {
  const backend = fakeBackend({ state: 'locked', language: 'lv', session: sessionFor(account) });
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
    backend.runRetention.mockResolvedValueOnce({ retentionYears: 5, cutoff: '2021-11-23T10:00:00Z', anonymised: 12 });
    await click('#retention-run');
    expect(text('#retention-result')).toBe('Pārbaude pabeigta: anonimizēti zvani 12 (sākti pirms 23.11.2021).');
  });

  it('shows a refused retention run as an error', async () => {
    const backend = await openSettingsAs(supervisor);
    backend.runRetention.mockRejectedValueOnce(publicError('storage', 'Neizdevās ierakstīt.', 'Could not write.'));
    await click('#retention-run');
    expect(text('#retention-error')).toBe('Neizdevās ierakstīt.');
    expect(text('#retention-result')).toBe('');
  });
});
