import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../app/App';
import type { Account, BackupScheduleStatus } from '../ipc/backend';
import { consultant, fakeBackend, type FakeBackend, publicError, sessionFor, supervisor } from '../testing/fakeBackend';
import { $, click, get, mount, settle, text, type, unmount } from '../testing/dom';

afterEach(unmount);

async function open(account: Account, section: '#nav-settings' | '#nav-overview', seed?: (backend: FakeBackend) => void) {
  const backend = fakeBackend({ state: 'locked', language: 'lv', session: sessionFor(account) });
  seed?.(backend);
  await mount(<App backend={backend} />);
  await click(section);
  return backend;
}

const failed: BackupScheduleStatus = {
  schedule: { interval: 'daily', folder: '/media/usb/backups', keep: 7 },
  last: {
    at: '2026-12-07T08:00:00Z',
    outcome: { kind: 'failed', error: publicError('storage', 'Neizdevās ierakstīt mapē /media/usb/backups.', 'Could not write to /media/usb/backups.') },
  },
  lastWritten: null,
  nextDue: '2026-12-07T09:00:00Z',
};

describe('scheduled backups', () => {
  it('are set up by a supervisor: the folder is chosen by the backend, the first result shown', async () => {
    const backend = await open(supervisor, '#nav-settings');
    expect(text('#backup-schedule-state')).toBe('Automātiskās rezerves kopijas ir izslēgtas.');
    await type('#backup-schedule-interval', 'weekly');
    await type('#backup-schedule-keep', '4');
    await click('#backup-schedule-save');

    expect(backend.scheduleBackups).toHaveBeenCalledWith('weekly', 4, true);
    expect(text('#backup-schedule-state')).toContain('Katru nedēļu mapē /media/usb/backups; glabā 4 jaunākās.');
    expect(text('#backup-schedule-last')).toContain('/media/usb/backups/hotline-scheduled-');
    expect(text('#backup-schedule-result')).toBe('Saglabāts. Pirmā kopija tiek veidota tūlīt.');

    // Changing how many to keep keeps the folder; changing the folder asks again.
    await type('#backup-schedule-keep', '10');
    await click('#backup-schedule-save');
    expect(backend.scheduleBackups).toHaveBeenLastCalledWith('weekly', 10, false);
    await click('#backup-schedule-folder');
    expect(backend.scheduleBackups).toHaveBeenLastCalledWith('weekly', 10, true);

    await click('#backup-schedule-stop');
    expect(backend.stopScheduledBackups).toHaveBeenCalledTimes(1);
    expect(text('#backup-schedule-state')).toBe('Automātiskās rezerves kopijas ir izslēgtas.');
  });

  it('refuses a count out of range next to the field, without asking the backend', async () => {
    const backend = await open(supervisor, '#nav-settings');
    await type('#backup-schedule-keep', '0');
    await click('#backup-schedule-save');
    expect(text('#backup-schedule-keep-error')).toBe('Ievadiet skaitli no 1 līdz 60.');
    expect(get('#backup-schedule-keep').getAttribute('aria-invalid')).toBe('true');
    expect(backend.scheduleBackups).not.toHaveBeenCalled();
  });

  it('says that a closed folder window changed nothing', async () => {
    const backend = await open(supervisor, '#nav-settings');
    backend.scheduleBackups.mockResolvedValueOnce(null);
    await click('#backup-schedule-save');
    expect(text('#backup-schedule-result')).toBe('Nekas netika mainīts: mapes izvēles logs tika aizvērts.');
    expect(text('#backup-schedule-state')).toBe('Automātiskās rezerves kopijas ir izslēgtas.');
  });

  it('shows a failed scheduled backup as a warning in the settings and on the overview', async () => {
    await open(supervisor, '#nav-settings', (backend) => backend.emitBackupStatus(failed));
    expect(text('#backup-schedule-failed')).toContain('Neizdevās ierakstīt mapē /media/usb/backups.');
    expect(text('#backup-schedule-failed')).toContain('Pēc stundas tiks mēģināts vēlreiz');
    await click('#nav-overview');
    expect(text('#overview-backup-failed')).toContain('Automātiskā rezerves kopija neizdevās');
    await click('#overview-backup-settings');
    expect($('#backup-schedule-failed')).not.toBeNull();
  });

  it('tells a consultant on the overview to tell a supervisor, and never offers the schedule', async () => {
    await open(consultant, '#nav-overview', (backend) => backend.emitBackupStatus(failed));
    expect(text('#overview-backup-failed')).toContain('Lūdzu, pasakiet supervizoram.');
    expect($('#overview-backup-settings')).toBeNull();
    await click('#nav-settings');
    expect($('#backup-schedule-save')).toBeNull();
  });

  it('follows the backend: a backup written later clears the warning', async () => {
    const backend = await open(supervisor, '#nav-overview', (seeded) => seeded.emitBackupStatus(failed));
    expect($('#overview-backup-failed')).not.toBeNull();
    backend.emitBackupStatus({
      ...failed,
      last: { at: '2026-12-07T09:00:00Z', outcome: { kind: 'written', path: '/media/usb/backups/x.backup', bytes: 1024 } },
      lastWritten: '2026-12-07T09:00:00Z',
    });
    await settle();
    expect($('#overview-backup-failed')).toBeNull();
  });
});
