import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../app/App';
import type { AppStatus, UpdateStatus } from '../ipc/backend';
import { updateApplyingNewer } from '../sync/QuarantinePanel';
import { axeProblems } from '../testing/axe';
import { openCalls, UNLOCKED_SUPERVISOR } from '../testing/callsApp';
import { fakeBackend, publicError, type FakeBackend } from '../testing/fakeBackend';
import { $, click, get, mount, text, unmount } from '../testing/dom';
import { updateNews } from './UpdateNotice';

afterEach(() => unmount());

const OFFERED: UpdateStatus = {
  currentVersion: '0.1.0',
  readsRecordSchema: 3,
  checkedAt: '2026-12-07T09:00:00Z',
  offer: {
    version: '1.5.0',
    notes: 'Labojumi zvanu formā.',
    signedAt: '2026-12-06T10:00:00Z',
    signedBy: '00000000-0000-0000-0000-00000000000a',
    readsRecordSchema: 4,
  },
  checking: false,
};

const REFUSED: UpdateStatus = {
  currentVersion: '0.1.0',
  readsRecordSchema: 3,
  checkedAt: '2026-12-07T09:00:00Z',
  problem: publicError(
    'updateRefused',
    'Atjauninājuma apraksts neatbilst vadītāja parakstam: tas ir mainīts pēc parakstīšanas.',
    'The update description does not match the supervisor’s signature: it was changed after it was signed.',
  ),
  checking: false,
};

async function openApp(update: UpdateStatus, status: AppStatus = UNLOCKED_SUPERVISOR): Promise<FakeBackend> {
  const backend = fakeBackend(status);
  backend.updateStatus.mockResolvedValue(update);
  await mount(<App backend={backend} />);
  return backend;
}

describe('the update notice', () => {
  it('names the offered version in the header and installs only when asked', async () => {
    const backend = await openApp(OFFERED);
    expect(text('#update-notice')).toBe('Atjauninājums 1.5.0');
    await click('#update-notice');
    expect(text('#update-title')).toBe('Pieejams atjauninājums 1.5.0');
    expect(text('#update-intro')).toContain('06.12.2026');
    expect(text('#update-notes')).toBe('Labojumi zvanu formā.');
    expect(backend.installUpdate).not.toHaveBeenCalled();
    await click('#update-install');
    expect(backend.installUpdate).toHaveBeenCalledTimes(1);
  });

  it('waits while a call form is open, and says why', async () => {
    const backend = await openCalls((fake) => fake.updateStatus.mockResolvedValue(OFFERED));
    await click('#call-new');
    await click('#update-notice');
    expect((get('#update-install') as HTMLButtonElement).disabled).toBe(true);
    expect(text('#update-call-open')).toContain('Pabeidziet vai aizveriet');
    expect(backend.installUpdate).not.toHaveBeenCalled();
  });

  it('shows an installation refused by the backend beside the button', async () => {
    const backend = await openApp(OFFERED);
    backend.installUpdate.mockRejectedValueOnce(publicError('callFormOpen', 'Ir atvērts nepabeigts zvans.', 'A call is open.'));
    await click('#update-notice');
    await click('#update-install');
    expect(text('#update-error')).toContain('Ir atvērts nepabeigts zvans.');
  });

  it('warns of a refused manifest with the reason, and checks again on request', async () => {
    const backend = await openApp(REFUSED);
    expect(text('#update-notice')).toBe('Atjauninājums atteikts');
    await click('#update-notice');
    expect(text('#update-refusal')).toContain('mainīts pēc parakstīšanas');
    expect($('#update-install')).toBeNull();
    await click('#update-check');
    expect(backend.checkForUpdate).toHaveBeenCalled();
  });

  it('checks once at the start when nothing was checked yet, and keeps quiet offline', async () => {
    const backend = fakeBackend(UNLOCKED_SUPERVISOR);
    await mount(<App backend={backend} />);
    expect(backend.checkForUpdate).toHaveBeenCalledTimes(1);
    expect($('#update-notice')).toBeNull();
    expect(
      updateNews({ ...REFUSED, problem: publicError('serverUnreachable', 'Nav tīkla.', 'Offline.') }),
    ).toBeNull();
  });

  it.each(['lv', 'en', 'ru'] as const)('has no serious accessibility problem in %s', async (language) => {
    await openApp(OFFERED, { ...UNLOCKED_SUPERVISOR, language });
    await click('#update-notice');
    expect(await axeProblems(get('#update-dialog'))).toEqual([]);
  });
});

describe('a record written by a newer version', () => {
  it('names the offered update only when it reads a newer record schema', () => {
    expect(updateApplyingNewer(OFFERED)).toBe('1.5.0');
    expect(updateApplyingNewer({ ...OFFERED, offer: { ...OFFERED.offer!, readsRecordSchema: 3 } })).toBeNull();
    expect(updateApplyingNewer(REFUSED)).toBeNull();
  });
});
