import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../app/App';
import type { AppStatus } from '../ipc/backend';
import {
  consultant,
  deviceInfo,
  fakeBackend,
  ISSUED_CODE,
  publicError,
  sessionFor,
  supervisor,
  syncStatus,
  THIS_DEVICE,
  type FakeBackend,
} from '../testing/fakeBackend';
import { $, click, get, mount, press, text, type, unmount } from '../testing/dom';

const asSupervisor: AppStatus = { state: 'locked', language: 'lv', session: sessionFor(supervisor) };
const asConsultant: AppStatus = { state: 'locked', language: 'lv', session: sessionFor(consultant) };

afterEach(() => unmount());

/** Opens the Sync section (Alt+5) on a computer connected to its server, unless `prepare` says otherwise. */
async function openSync(status: AppStatus, prepare?: (backend: FakeBackend) => void) {
  const backend = fakeBackend(status);
  backend.setSyncStatus(syncStatus());
  backend.devices.push(
    deviceInfo(),
    deviceInfo({ deviceId: 'dev-2', deviceName: 'Kurzemes dators', region: 'kurzeme', lastSeenAt: null }),
    deviceInfo({ deviceId: 'dev-3', deviceName: 'Vecais dators', region: 'zemgale', revokedAt: '2026-10-01T10:00:00Z' }),
  );
  prepare?.(backend);
  await mount(<App backend={backend} />);
  await press('5', { altKey: true, code: 'Digit5' });
  return backend;
}

const row = (id: string) => text(`#device-${id}`);
const pageText = () => document.body.textContent ?? '';

describe('the devices panel', () => {
  it('lists every device with its role, region and state; this computer cannot be revoked', async () => {
    await openSync(asSupervisor);
    expect(row(THIS_DEVICE)).toContain('Rīgas birojs 1 (šis dators)');
    expect(row('dev-1')).toContain('Latgales klēpjdators');
    expect(row('dev-1')).toContain('Konsultants');
    expect(row('dev-1')).toContain('Latgale');
    expect(row('dev-1')).toContain('Pēdējoreiz sinhronizēja 23.11.2026');
    expect(row('dev-2')).toContain('Vēl nav pievienojusies');
    expect(row('dev-3')).toContain('Atsaukta 01.10.2026');
    expect($(`#device-revoke-${THIS_DEVICE}`)).toBeNull();
    expect($('#device-revoke-dev-3')).toBeNull();
    expect($('#device-revoke-dev-1')?.getAttribute('aria-label')).toBe('Atsaukt ierīci “Latgales klēpjdators”');
    expect($('#devices-empty')).toBeNull();
  });

  it('says when there is no other device yet', async () => {
    await openSync(asSupervisor, (backend) => backend.devices.splice(1));
    expect(text('#devices-empty')).toContain('Citu ierīču vēl nav');
  });

  it('enrols a device, shows its code once in groups, and forgets it when closed', async () => {
    const backend = await openSync(asSupervisor);
    await type('#enrol-device-name', 'Latgales klēpjdators 2');
    await type('#enrol-role', 'consultant');
    await type('#enrol-region', 'latgale');
    await click('#enrol-submit');

    expect(backend.enrolDevice).toHaveBeenCalledTimes(1);
    expect(backend.enrolDevice).toHaveBeenCalledWith({ deviceName: 'Latgales klēpjdators 2', role: 'consultant', region: 'latgale' });
    expect(text('#enrolment-code')).toBe('K7QM 2XWD 9HTR C4NB');
    expect(document.querySelectorAll('#enrolment-code .enrolment-code-group')).toHaveLength(4);
    expect(text('#enrolment-expires')).toMatch(/^Fails un kods derīgi līdz \d\d\.\d\d\.\d{4} \d\d:\d\d\.$/);
    expect(text('#enrolment-issued')).toContain('/home/anna/hotline-enrolment.enrol');
    expect(document.activeElement?.id).toBe('enrolment-issued-title');
    // The list follows: the new device, not joined yet.
    expect(pageText()).toContain('Latgales klēpjdators 2');
    expect(backend.listDevices).toHaveBeenCalledTimes(2);
    expect(get<HTMLInputElement>('#enrol-device-name').value).toBe('');

    await click('#enrolment-done');
    expect($('#enrolment-issued')).toBeNull();
    expect(pageText()).not.toContain('K7QM');
    expect(document.activeElement?.id).toBe('enrol-device-name');

    // Leaving the section and coming back shows no code either.
    await press('2', { altKey: true, code: 'Digit2' });
    await press('5', { altKey: true, code: 'Digit5' });
    expect(pageText()).not.toContain(ISSUED_CODE.slice(0, 4));
  });

  it('drops the code when the section is left without closing it', async () => {
    await openSync(asSupervisor);
    await type('#enrol-device-name', 'Zemgales dators');
    await click('#enrol-submit');
    expect(text('#enrolment-code')).toContain('K7QM');
    await press('2', { altKey: true, code: 'Digit2' });
    await press('5', { altKey: true, code: 'Digit5' });
    expect($('#enrolment-issued')).toBeNull();
    expect(pageText()).not.toContain('K7QM');
  });

  it('keeps the form as typed when the save dialog is cancelled', async () => {
    const backend = await openSync(asSupervisor, (fake) => fake.enrolDevice.mockResolvedValueOnce(null));
    await type('#enrol-device-name', 'Vidzemes dators');
    await click('#enrol-submit');
    expect(backend.enrolDevice).toHaveBeenCalledTimes(1);
    expect($('#enrolment-issued')).toBeNull();
    expect(get<HTMLInputElement>('#enrol-device-name').value).toBe('Vidzemes dators');
  });

  it('shows errors beside the field they concern, or above the form with what to do', async () => {
    const backend = await openSync(asSupervisor);
    await click('#enrol-submit');
    expect(backend.enrolDevice).not.toHaveBeenCalled();
    expect(text('#enrol-device-name-error')).toBe('Lauks ir jāaizpilda.');
    expect(get('#enrol-device-name').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement?.id).toBe('enrol-device-name');

    backend.enrolDevice.mockRejectedValueOnce({
      ...publicError('invalidInput', 'Nosaukums ir pārāk garš.', 'The name is too long.'),
      field: 'deviceName',
    });
    await type('#enrol-device-name', 'x'.repeat(101));
    await click('#enrol-submit');
    expect(text('#enrol-device-name-error')).toBe('Nosaukums ir pārāk garš.');

    backend.enrolDevice.mockRejectedValueOnce(publicError('serverUnreachable', 'Nevar sasniegt.', 'Cannot reach.'));
    await type('#enrol-device-name', 'Rīgas birojs 2');
    await click('#enrol-submit');
    expect($('#enrol-device-name-error')).toBeNull();
    expect(text('#enrol-error')).toContain('ierīce netika pievienota');
    expect(text('#enrol-error')).toContain('mēģiniet vēlreiz');

    backend.enrolDevice.mockRejectedValueOnce(publicError('storage', 'Nevar ierakstīt.', 'Cannot write.'));
    await click('#enrol-submit');
    expect(text('#enrol-error')).toContain('Atsauciet to sarakstā un pievienojiet vēlreiz');
    expect($('#enrolment-issued')).toBeNull();
  });

  it('revokes a device only after confirming, from the keyboard', async () => {
    const backend = await openSync(asSupervisor);
    await click('#device-revoke-dev-1');
    expect(text('#device-revoke-question')).toContain('Atsaukt ierīci “Latgales klēpjdators”?');
    expect(document.activeElement?.id).toBe('device-revoke-cancel');
    expect(backend.revokeDevice).not.toHaveBeenCalled();

    await press('Escape');
    expect($('#device-revoke-question')).toBeNull();
    expect(document.activeElement?.id).toBe('device-revoke-dev-1');
    expect(backend.revokeDevice).not.toHaveBeenCalled();

    await click('#device-revoke-dev-1');
    await click('#device-revoke-confirm');
    expect(backend.revokeDevice).toHaveBeenCalledWith('dev-1');
    expect(row('dev-1')).toMatch(/Atsaukta \d\d\.\d\d\.\d{4}/);
    expect($('#device-revoke-dev-1')).toBeNull();
    expect(text('#devices')).toContain('Ierīce “Latgales klēpjdators” atsaukta.');
    expect(document.activeElement?.id).toBe('devices-refresh');
  });

  it('says what to do when the server cannot be reached, and lists again on request', async () => {
    const backend = await openSync(asSupervisor, (fake) =>
      fake.listDevices.mockRejectedValueOnce(publicError('serverUnreachable', 'Nevar sasniegt.', 'Cannot reach.')),
    );
    expect(text('#devices-error')).toContain('Pārbaudiet, vai dators ir tīklā');
    expect($('#devices-table')).toBeNull();
    await click('#devices-refresh');
    expect($('#devices-error')).toBeNull();
    expect(row('dev-1')).toContain('Latgales klēpjdators');
    expect(backend.listDevices).toHaveBeenCalledTimes(2);
  });

  it('asks a supervisor whose computer is not connected to connect it first', async () => {
    const backend = await openSync(asSupervisor, (fake) => fake.setSyncStatus({ connected: false, serverUrl: null }));
    expect(text('#devices-not-connected')).toContain('vispirms pieslēdziet to augstāk');
    expect($('#enrol-form')).toBeNull();
    expect(backend.listDevices).not.toHaveBeenCalled();
  });

  it('is not there for a consultant, connected or not', async () => {
    const backend = await openSync(asConsultant);
    expect(text('#sync-section-server')).toContain('https://sync.example.lv');
    expect($('#devices')).toBeNull();
    expect($('#enrol-form')).toBeNull();
    expect(backend.listDevices).not.toHaveBeenCalled();
    unmount();

    const offline = await openSync(asConsultant, (fake) => fake.setSyncStatus({ connected: false, serverUrl: null }));
    expect($('#devices')).toBeNull();
    expect(offline.listDevices).not.toHaveBeenCalled();
  });
});
