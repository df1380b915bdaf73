import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../app/App';
import type { AppStatus } from '../ipc/backend';
import { fakeBackend, publicError, type FakeBackend } from '../testing/fakeBackend';
import { $, click, get, mount, settle, text, type, unmount } from '../testing/dom';

const locked: AppStatus = { state: 'locked', language: 'lv', session: null };

const corrupt = publicError(
  'databaseCorrupt',
  'Datubāze ir bojāta, un dati netiek rādīti. Neko nedzēsiet: sazinieties ar supervizoru un atjaunojiet datus no rezerves kopijas.',
  'The database is damaged, so no data is shown. Do not delete anything: contact a supervisor and restore from a backup.',
);

afterEach(() => {
  unmount();
  vi.useRealTimers();
});

/** The app at the unlock screen of a device whose database turns out damaged at unlock. */
async function damagedDevice(): Promise<FakeBackend> {
  const backend = fakeBackend(locked);
  backend.unlock.mockRejectedValue(corrupt);
  await mount(<App backend={backend} />);
  await type('#unlock-login', 'anna');
  await type('#unlock-passphrase', 'garš un drošs teikums');
  await click('#unlock-submit');
  return backend;
}

/** Picks the fake's backup file and lands on the restore form. */
async function chooseBackup(): Promise<FakeBackend> {
  const backend = await damagedDevice();
  await click('#restore-start');
  return backend;
}

async function restoreWith(passphrase: string) {
  await type('#restore-passphrase', passphrase);
  await click('#restore-submit');
}

describe('restoring a damaged device', () => {
  it('is not offered for a wrong passphrase', async () => {
    const backend = fakeBackend(locked);
    backend.unlock.mockRejectedValueOnce(publicError('wrongCredentials', 'Nepareiza parole.', 'Wrong passphrase.'));
    await mount(<App backend={backend} />);
    await type('#unlock-login', 'anna');
    await click('#unlock-submit');
    expect($('#restore-offer')).toBeNull();
  });

  it('is offered when the database is damaged, with focus on the offer', async () => {
    await damagedDevice();
    expect(text('#unlock-error')).toContain('Datubāze ir bojāta');
    expect(text('#restore-offer-text')).toContain('supervizors var atjaunot datus');
    expect(document.activeElement?.id).toBe('restore-start');
  });

  it('stays on the offer when the file dialog is closed', async () => {
    const backend = await damagedDevice();
    backend.chooseBackup.mockResolvedValueOnce(null);
    await click('#restore-start');
    expect(backend.chooseBackup).toHaveBeenCalledTimes(1);
    expect($('#restore')).toBeNull();
    expect(text('#restore-choose-result')).toBe('Fails netika izvēlēts.');
  });

  it('restores with a supervisor’s passphrase and opens the main screen saying from where', async () => {
    const backend = await chooseBackup();
    expect(text('#restore-file')).toBe('Rezerves kopija: /media/usb/hotline-2026-11-20.backup');
    expect(get<HTMLInputElement>('#restore-login').value).toBe('anna');
    expect(document.activeElement?.id).toBe('restore-passphrase');

    await restoreWith('garš un drošs teikums');

    expect(backend.restoreBackup).toHaveBeenCalledWith('anna', 'garš un drošs teikums');
    expect($('#screen-unlock')).toBeNull();
    expect(text('#current-user')).toBe('Anna Bērziņa · Supervizors');
    expect(text('#restored-notice p')).toBe(
      'Dati atjaunoti no rezerves kopijas /media/usb/hotline-2026-11-20.backup. Izmaiņas, kas veiktas pēc kopijas izveides, šajā datorā nav.',
    );
    await click('#restored-notice button');
    expect($('#restored-notice')).toBeNull();
  });

  it('says a bad backup changed nothing and puts focus on choosing another file', async () => {
    const backend = await chooseBackup();
    backend.restoreBackup.mockRejectedValueOnce(
      publicError(
        'backupInvalid',
        'Šo failu nevar atjaunot kā rezerves kopiju (kontrolsumma nesakrīt). Nekas netika mainīts; izvēlieties citu rezerves kopiju.',
        'This file cannot be restored as a backup (digest mismatch). Nothing was changed; choose another backup.',
      ),
    );
    await restoreWith('garš un drošs teikums');
    expect(text('#restore-error')).toContain('Nekas netika mainīts; izvēlieties citu rezerves kopiju.');
    expect(document.activeElement?.id).toBe('restore-choose-other');

    backend.chooseBackup.mockResolvedValueOnce('/media/usb/hotline-2026-11-19.backup');
    await click('#restore-choose-other');
    expect(text('#restore-file')).toBe('Rezerves kopija: /media/usb/hotline-2026-11-19.backup');
    expect($('#restore-error')).toBeNull();
  });

  it('shows how much of the backup is read, and a stopped restore says nothing changed', async () => {
    const backend = await chooseBackup();
    let stopRestore: (reason: unknown) => void = () => undefined;
    backend.restoreBackup.mockReturnValueOnce(new Promise((_, reject) => (stopRestore = reject)));
    backend.longWorkProgress.mockResolvedValue({ unit: 'bytes', done: 2_621_440, total: 10_485_760 });
    await restoreWith('garš un drošs teikums');
    expect(text('#restore-progress-text')).toBe('Atjauno no rezerves kopijas: 2,5 MB no 10 MB');
    await click('#restore-progress-stop');
    expect(backend.cancelLongWork).toHaveBeenCalledTimes(1);

    stopRestore(publicError('longWorkCancelled', 'Darbs apturēts. Nekas nav mainīts.', 'The work was stopped. Nothing was changed.'));
    await settle();
    expect($('#restore-progress')).toBeNull();
    expect(text('#restore-error')).toBe('Darbs apturēts. Nekas nav mainīts.');
    expect($('#screen-main')).toBeNull();
  });

  it('explains wrong credentials: the passphrase from when the backup was made', async () => {
    const backend = await chooseBackup();
    backend.restoreBackup.mockRejectedValueOnce(
      publicError('wrongCredentials', 'Nepareizs lietotājvārds vai parole.', 'Wrong login or passphrase.'),
    );
    await restoreWith('vecā parole');
    expect(text('#restore-error')).toBe('Nepareizs lietotājvārds vai parole.');
    expect(text('#restore-help')).toContain('kopijas izveides brīdī');
    expect(get<HTMLInputElement>('#restore-passphrase').value).toBe('');
    expect(document.activeElement?.id).toBe('restore-passphrase');
  });

  it('asks for a supervisor when a consultant tries', async () => {
    const backend = await chooseBackup();
    backend.restoreBackup.mockRejectedValueOnce(
      publicError('supervisorOnly', 'To var darīt tikai supervizors.', 'Only a supervisor can do this.'),
    );
    await type('#restore-login', 'juris');
    await restoreWith('jura parole 123');
    expect(text('#restore-error')).toBe('To var darīt tikai supervizors.');
    expect(text('#restore-help')).toBe('Šis konts nav supervizora konts. Lūdziet supervizoram ievadīt savu lietotājvārdu un paroli.');
  });

  it('counts down while throttled and sends nothing meanwhile', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const backend = await chooseBackup();
    backend.restoreBackup.mockRejectedValueOnce(
      publicError('throttled', 'Pārāk daudz mēģinājumu.', 'Too many attempts.', { retryAfterSeconds: 2 }),
    );
    await restoreWith('minējums');
    const button = get<HTMLButtonElement>('#restore-submit');
    expect(button.disabled).toBe(true);
    expect(button.textContent).toBe('Vēlreiz pēc 2 s');
    expect(text('#restore-help')).toContain('Pagaidiet');

    await type('#restore-passphrase', 'vēl viens');
    get<HTMLFormElement>('#restore form').requestSubmit();
    await settle();
    expect(backend.restoreBackup).toHaveBeenCalledTimes(1);

    await vi.advanceTimersByTimeAsync(2000);
    await settle();
    expect(button.disabled).toBe(false);
    expect($('#restore-error')).toBeNull();
  });

  it('goes back to the sign-in with the offer still there', async () => {
    await chooseBackup();
    await click('#restore-back');
    expect($('#restore')).toBeNull();
    expect($('#unlock-submit')).not.toBeNull();
    expect($('#restore-offer')).not.toBeNull();
  });

  it('speaks English when the app does', async () => {
    const backend = fakeBackend({ ...locked, language: 'en' });
    backend.unlock.mockRejectedValue(corrupt);
    await mount(<App backend={backend} />);
    await click('#unlock-submit');
    expect(text('#restore-start')).toBe('Restore from a backup');
    await click('#restore-start');
    expect(text('#restore-title')).toBe('Restoring from a backup');
    expect(text('#restore-submit')).toBe('Restore');
  });
});

describe('restoring onto a new laptop from the first-run screen', () => {
  const notSetUp = { state: 'notSetUp', language: 'lv', session: null } as const;

  it('takes a backup and a supervisor’s passphrase instead of a set-up, and opens the main screen', async () => {
    const backend = fakeBackend(notSetUp);
    await mount(<App backend={backend} />);
    await click('#setup-restore');
    expect(backend.chooseBackup).toHaveBeenCalledTimes(1);
    expect(text('#restore-file')).toBe('Rezerves kopija: /media/usb/hotline-2026-11-20.backup');
    expect(document.activeElement?.id).toBe('restore-login');

    await type('#restore-login', 'anna');
    await restoreWith('garš un drošs teikums');

    expect(backend.restoreBackup).toHaveBeenCalledWith('anna', 'garš un drošs teikums');
    expect(backend.setUp).not.toHaveBeenCalled();
    expect($('#screen-setup')).toBeNull();
    expect(text('#restored-notice p')).toContain('/media/usb/hotline-2026-11-20.backup');
  });

  it('says a closed file window chose nothing and stays on the first-run choices', async () => {
    const backend = fakeBackend(notSetUp);
    backend.chooseBackup.mockResolvedValueOnce(null);
    await mount(<App backend={backend} />);
    await click('#setup-restore');
    expect($('#restore')).toBeNull();
    expect(text('#setup-restore-result')).toBe('Fails netika izvēlēts.');
    expect($('#setup-create')).not.toBeNull();
  });

  it('goes back to the first-run choices from the restore form', async () => {
    await mount(<App backend={fakeBackend(notSetUp)} />);
    await click('#setup-restore');
    await click('#restore-back');
    expect($('#restore')).toBeNull();
    expect($('#setup-join')).not.toBeNull();
  });
});
