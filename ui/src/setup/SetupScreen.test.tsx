import { afterEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import type { AppStatus, SessionInfo } from '../ipc/backend';
import { BackendContext } from '../ipc/context';
import { ENROLMENT_CODE, type FakeBackend, fakeBackend, publicError } from '../testing/fakeBackend';
import { $, click, get, mount, press, settle, text, type, unmount } from '../testing/dom';
import { SetupScreen } from './SetupScreen';

const notSetUp: AppStatus = { state: 'notSetUp', language: 'lv', session: null };
const PASSPHRASE = 'garš un drošs teikums';

afterEach(() => unmount());

async function open(backend: FakeBackend = fakeBackend(notSetUp)) {
  const onDone = vi.fn<(session: SessionInfo) => void>();
  await mount(
    <BackendContext.Provider value={backend}>
      <SetupScreen
        language="lv"
        onLanguage={() => undefined}
        onDone={onDone}
        restore={{ chooseBackup: backend.chooseBackup, restoreBackup: backend.restoreBackup }}
        onRestored={() => undefined}
      />
    </BackendContext.Provider>,
  );
  return { backend, onDone };
}

/** Presses Enter in the focused field, as the browser does: the field's form is submitted. */
async function enter() {
  const form = (document.activeElement as HTMLInputElement | null)?.form;
  if (!form) throw new Error('focus is not in a form');
  await act(() => form.requestSubmit());
  await settle();
}

function fieldError(selector: string): string {
  return (get(selector).closest('.field') as HTMLElement).querySelector('.field-error')?.textContent ?? '';
}

/** Start → organisation → supervisor → region, answers typed on the way. */
async function toRegion(passphrase = PASSPHRASE) {
  await click('#setup-create');
  await type('#setup-organisation', 'Patvērums Drošā māja');
  await enter();
  await type('#setup-display-name', 'Anna Bērziņa');
  await type('#setup-login', 'anna');
  await type('#setup-passphrase', passphrase);
  await type('#setup-passphrase-repeat', passphrase);
  await enter();
  await type('#setup-region', 'kurzeme');
}

async function toServer() {
  await toRegion();
  await click('#setup-next');
}

describe('the first-run wizard', () => {
  it('starts with the two ways in, focus on the first, in Latvian with the language switch', async () => {
    await open();
    expect(document.activeElement?.id).toBe('setup-create');
    expect(text('#setup-create')).toContain('Izveidot jaunu organizāciju');
    expect(text('#setup-join')).toContain('Pievienoties savai organizācijai');
    expect($('#lang-en')).not.toBeNull();
    expect($('.wizard-steps')).toBeNull();
  });

  it('shows where one is, puts focus in each step’s first field, and advances with Enter', async () => {
    await open();
    await click('#setup-create');
    expect(text('#setup-step-count')).toBe('1. solis no 6');
    expect(get('.wizard-step-current').getAttribute('aria-current')).toBe('step');
    expect(document.activeElement?.id).toBe('setup-organisation');

    await type('#setup-organisation', 'Patvērums Drošā māja');
    await enter();
    expect(text('#setup-step-count')).toBe('2. solis no 6');
    expect(document.activeElement?.id).toBe('setup-display-name');
  });

  it('goes back with Escape or the Back button and keeps everything typed', async () => {
    await open();
    await toRegion();
    await press('Escape');
    expect(text('#setup-step-count')).toBe('2. solis no 6');
    expect(get<HTMLInputElement>('#setup-login').value).toBe('anna');
    expect(get<HTMLInputElement>('#setup-passphrase-repeat').value).toBe(PASSPHRASE);
    await click('#setup-back');
    expect(get<HTMLInputElement>('#setup-organisation').value).toBe('Patvērums Drošā māja');
    await press('Escape');
    expect($('#setup-create')).not.toBeNull();
    await press('Escape');
    expect($('#setup-create')).not.toBeNull();
  });

  it('asks for what is missing and for the same passphrase twice, beside each field', async () => {
    const { backend } = await open();
    await click('#setup-create');
    await enter();
    expect(fieldError('#setup-organisation')).toBe('Lauks ir jāaizpilda.');
    await type('#setup-organisation', 'Drošā māja');
    await enter();
    await type('#setup-display-name', 'Anna');
    await type('#setup-login', 'anna');
    await type('#setup-passphrase', PASSPHRASE);
    await type('#setup-passphrase-repeat', 'cits teikums');
    await enter();
    expect(fieldError('#setup-passphrase-repeat')).toContain('Paroles nesakrīt');
    expect(document.activeElement?.id).toBe('setup-passphrase-repeat');
    expect(backend.setUp).not.toHaveBeenCalled();
  });

  it('takes a passphrase the backend finds weak back to its step, with the reason beside it', async () => {
    const backend = fakeBackend(notSetUp);
    backend.setUp.mockRejectedValueOnce(
      publicError('invalidInput', 'Parole ir par īsu: vajag vismaz 10 rakstzīmes.', 'The passphrase is too short.', { field: 'passphrase' }),
    );
    await open(backend);
    await toRegion('īsa');
    await click('#setup-next');
    expect(text('#setup-step-count')).toBe('2. solis no 6');
    expect(fieldError('#setup-passphrase')).toBe('Parole ir par īsu: vajag vismaz 10 rakstzīmes.');
    expect(document.activeElement?.id).toBe('setup-passphrase');
    expect(get<HTMLInputElement>('#setup-login').value).toBe('anna');

    await type('#setup-passphrase', PASSPHRASE);
    await type('#setup-passphrase-repeat', PASSPHRASE);
    await enter();
    expect(get<HTMLSelectElement>('#setup-region').value).toBe('kurzeme');
    await click('#setup-next');
    expect(backend.setUp).toHaveBeenLastCalledWith(
      { organisationName: 'Patvērums Drošā māja', login: 'anna', displayName: 'Anna Bērziņa', homeRegion: 'kurzeme' },
      PASSPHRASE,
    );
    expect(text('#setup-step-count')).toBe('4. solis no 6');
    expect(document.activeElement?.id).toBe('server-url');
    expect($('#setup-back')).toBeNull();
  });

  it('shows an unreachable server beside the address, keeps the device usable, retries and offers “Not now”', async () => {
    const backend = fakeBackend(notSetUp);
    backend.registerSyncServer.mockRejectedValueOnce(
      publicError('serverUnreachable', 'Nevar sasniegt serveri (connection failed).', 'Cannot reach the server (connection failed).'),
    );
    await open(backend);
    await toServer();
    await type('#server-url', 'https://sync.example.lv');
    await type('#server-device-name', 'Rīgas birojs 1');
    await enter();
    expect(fieldError('#server-url')).toContain('Serveri nevar sasniegt. Pārbaudiet adresi');
    expect(get('#server-url').getAttribute('aria-invalid')).toBe('true');
    expect(text('#setup-server-ready')).toContain('jau ir iestatīts un gatavs darbam');
    expect(text('#server-connect')).toBe('Mēģināt vēlreiz');
    expect(get<HTMLInputElement>('#server-device-name').value).toBe('Rīgas birojs 1');

    await click('#setup-not-now');
    expect(text('#setup-step-count')).toBe('5. solis no 6');
    await click('#setup-skip-directory');
    expect(text('#setup-summary')).toContain('nav pieslēgts');
    expect(text('#setup-summary')).toContain('tukšs');
  });

  it('places a bad address, an untrusted certificate and a bad certificate file beside their fields', async () => {
    const backend = fakeBackend(notSetUp);
    await open(backend);
    await toServer();
    await type('#server-url', 'http://sync.example.lv');
    await type('#server-device-name', 'Rīgas birojs 1');
    await enter();
    expect(fieldError('#server-url')).toBe(
      'Nederīga servera adrese: rakstiet https://serveris.example.lv (http:// der tikai šim datoram, piem., http://127.0.0.1:8443).',
    );

    backend.registerSyncServer.mockRejectedValueOnce(
      publicError('serverCertificateUntrusted', 'Sertifikāts nav uzticams.', 'The certificate is not trusted.'),
    );
    await type('#server-url', 'https://sync.example.lv');
    await click('#server-connect');
    expect(text('#server-certificate-error')).toContain('Izvēlieties organizācijas sertifikātu');
    expect(document.activeElement?.id).toBe('server-certificate');

    backend.chooseServerCertificate.mockRejectedValueOnce(
      publicError('invalidInput', 'Nederīgs sertifikāts: vajag PEM failu.', 'Invalid certificate.', { field: 'serverCertificate' }),
    );
    await click('#server-certificate');
    expect(text('#server-certificate-error')).toBe('Nederīgs sertifikāts: vajag PEM failu.');
    await click('#server-certificate');
    expect(text('#server-certificate-name')).toBe('org-ca.pem');
    await click('#server-connect');
    expect(backend.registerSyncServer).toHaveBeenLastCalledWith(
      'https://sync.example.lv',
      'Rīgas birojs 1',
      expect.stringContaining('BEGIN CERTIFICATE'),
      null,
    );
    expect(text('#setup-step-count')).toBe('5. solis no 6');
  });

  it('connects, loads the starter directory and sums it all up before starting work', async () => {
    const { backend, onDone } = await open();
    await toServer();
    await type('#server-url', 'https://sync.example.lv');
    await type('#server-device-name', 'Rīgas birojs 1');
    await enter();
    expect(document.activeElement?.id).toBe('setup-next');
    await click('#setup-next');
    expect(backend.loadStarterReferrals).toHaveBeenCalledTimes(1);
    expect(text('#setup-summary')).toContain('pieslēgts: https://sync.example.lv');
    expect(text('#setup-summary')).toMatch(/\d+ ieraksti/);
    expect(document.activeElement?.id).toBe('setup-finish');
    await click('#setup-finish');
    expect(onDone).toHaveBeenCalledWith(expect.objectContaining({ account: expect.objectContaining({ login: 'anna' }) }));
  });
});

describe('joining with an enrolment package', () => {
  async function toJoin(backend: FakeBackend = fakeBackend(notSetUp)) {
    const opened = await open(backend);
    await click('#setup-join');
    return opened;
  }

  async function fillAccount() {
    await type('#setup-display-name', 'Jānis Ozols');
    await type('#setup-login', 'janis');
    await type('#setup-passphrase', PASSPHRASE);
    await type('#setup-passphrase-repeat', PASSPHRASE);
  }

  it('asks for the package file first, beside its button', async () => {
    const { backend } = await toJoin();
    expect(text('#setup-step-count')).toBe('1. solis no 2');
    expect(document.activeElement?.id).toBe('join-package');
    await type('#join-code', ENROLMENT_CODE);
    await fillAccount();
    await click('#setup-next');
    expect(text('#join-package-error')).toBe('Izvēlieties failu, ko iedeva supervizors.');
    expect(document.activeElement?.id).toBe('join-package');
    expect(backend.joinOrganisation).not.toHaveBeenCalled();
  });

  it('shows a wrong code beside the code and an expired package beside the file, keeping what was typed', async () => {
    const backend = fakeBackend(notSetUp);
    await toJoin(backend);
    await click('#join-package');
    expect(text('#join-package-name')).toBe('latgale-laptop.txt');
    await type('#join-code', 'AAAA-BBBB-CCCC-DDDD');
    await fillAccount();
    // Core's words are "Kods neatver šo pieslēgšanas paketi. Pārbaudiet …"; the assertion below has the old fake's.
    backend.joinOrganisation.mockRejectedValueOnce(
      publicError('enrolmentCodeWrong', 'Kods neatver šo paketi.', 'The code does not open this package.'),
    );
    await click('#setup-next');
    expect(fieldError('#join-code')).toBe('Kods neatver šo paketi.');
    expect(document.activeElement?.id).toBe('join-code');
    expect(get<HTMLInputElement>('#setup-passphrase').value).toBe(PASSPHRASE);

    backend.joinOrganisation.mockRejectedValueOnce(
      publicError('enrolmentInvalid', 'Pieslēgšanas pakets ir novecojis. Lūdziet supervizoram jaunu.', 'The package has expired.'),
    );
    await type('#join-code', ENROLMENT_CODE);
    await click('#setup-next');
    expect(text('#join-package-error')).toBe('Pieslēgšanas pakets ir novecojis. Lūdziet supervizoram jaunu.');
  });

  it('joins with the package, code and account, then sums up the role and region from the package', async () => {
    const { backend, onDone } = await toJoin();
    await click('#join-package');
    await type('#join-code', ENROLMENT_CODE.toLowerCase());
    await fillAccount();
    await click('#setup-next');
    expect(backend.joinOrganisation).toHaveBeenCalledWith(
      { package: expect.stringMatching(/^hotline-enrolment-v1:/), code: ENROLMENT_CODE.toLowerCase(), login: 'janis', displayName: 'Jānis Ozols' },
      PASSPHRASE,
    );
    expect(text('#setup-step-count')).toBe('2. solis no 2');
    expect(text('#setup-summary')).toContain('Jānis Ozols · Konsultants');
    expect(text('#setup-summary')).toContain('Latgale');
    expect($('#setup-back')).toBeNull();
    await click('#setup-finish');
    expect(onDone).toHaveBeenCalledTimes(1);
  });
});
