import { useEffect, useState } from 'preact/hooks';
import type { DeviceInfo, DeviceList, SavedEnrolment } from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { toPublicError } from '../ipc/errors';
import { useI18n } from '../i18n';
import { formatDate, formatDateTime } from '../i18n/dates';
import { FormError, FormStatus } from '../forms/Field';
import { type Message, messageText } from '../forms/problems';
import { EnrolDeviceForm } from './EnrolDeviceForm';
import { EnrolmentCodeCard } from './EnrolmentCodeCard';

interface DevicesPanelProps {
  /** Whether this computer is connected to the sync server (the list and enrolment need it). */
  connected: boolean;
}

/** What went wrong with the list or a revocation, with what to do. */
function listProblem(reason: unknown): Message {
  const error = toPublicError(reason);
  if (error.code === 'serverUnreachable') return { key: 'devices.unreachable' };
  return { localized: error.message };
}

/**
 * Supervisors: the organisation's devices on the sync server, enrolling a
 * new one and revoking one. The one-time code of an enrolment lives only in
 * this panel's state, and goes when it is dismissed or the panel closes.
 */
export function DevicesPanel({ connected }: DevicesPanelProps) {
  const backend = useBackend();
  const i18n = useI18n();
  const { t } = i18n;
  const [list, setList] = useState<DeviceList | null>(null);
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<Message | undefined>(undefined);
  const [issued, setIssued] = useState<SavedEnrolment | null>(null);
  const [confirming, setConfirming] = useState<DeviceInfo | null>(null);
  const [revoking, setRevoking] = useState(false);
  const [revoked, setRevoked] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState<{ id: string } | null>(null);

  useEffect(() => {
    if (focusRequest) document.getElementById(focusRequest.id)?.focus();
  }, [focusRequest]);

  function refresh(): Promise<void> {
    setLoading(true);
    return backend.listDevices().then(
      (found) => {
        setList(found);
        setProblem(undefined);
        setLoading(false);
      },
      (reason: unknown) => {
        setLoading(false);
        setProblem(listProblem(reason));
      },
    );
  }

  useEffect(() => {
    if (connected) void refresh();
  }, [backend, connected]);

  if (!connected) {
    return (
      <section id="devices" class="panel" aria-labelledby="devices-title">
        <h2 id="devices-title" class="panel-title">
          {t('devices.title')}
        </h2>
        <p id="devices-not-connected">{t('devices.notConnected')}</p>
      </section>
    );
  }

  async function revoke(device: DeviceInfo) {
    if (revoking) return;
    setRevoking(true);
    try {
      await backend.revokeDevice(device.deviceId);
      setRevoked(device.deviceName);
      setConfirming(null);
      setProblem(undefined);
      await refresh();
      setFocusRequest({ id: 'devices-refresh' });
    } catch (reason) {
      setProblem(listProblem(reason));
    } finally {
      setRevoking(false);
    }
  }

  function askToRevoke(device: DeviceInfo) {
    setRevoked(null);
    setConfirming(device);
    setFocusRequest({ id: 'device-revoke-cancel' });
  }

  function cancelRevoke(device: DeviceInfo) {
    setConfirming(null);
    setFocusRequest({ id: `device-revoke-${device.deviceId}` });
  }

  const others = list?.devices.filter((device) => device.deviceId !== list.thisDevice) ?? [];

  return (
    <>
      {issued && (
        <EnrolmentCodeCard
          saved={issued}
          onDone={() => {
            setIssued(null);
            setFocusRequest({ id: 'enrol-device-name' });
          }}
        />
      )}
      <section id="devices" class="panel" aria-labelledby="devices-title">
        <h2 id="devices-title" class="panel-title">
          {t('devices.title')}
        </h2>
        <p class="panel-intro">{t('devices.intro')}</p>
        <FormError id="devices-error" text={messageText(i18n, problem)} />
        {list === null && !problem && <p class="muted">{t('app.loading')}</p>}
        {list !== null && (
          <div class="table-scroll">
            <table id="devices-table" class="table" aria-labelledby="devices-title">
              <thead>
                <tr>
                  <th scope="col">{t('devices.name')}</th>
                  <th scope="col">{t('devices.role')}</th>
                  <th scope="col">{t('devices.region')}</th>
                  <th scope="col">{t('devices.state')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t('devices.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.devices.map((device) => (
                  <tr key={device.deviceId} id={`device-${device.deviceId}`} class={device.revokedAt ? 'device-row device-revoked' : 'device-row'}>
                    <th scope="row">
                      {device.deviceName}
                      {device.deviceId === list.thisDevice && <span class="muted"> {t('devices.thisComputer')}</span>}
                    </th>
                    <td>{t(`role.${device.role}`)}</td>
                    <td>{t(`region.${device.region}`)}</td>
                    <td class="device-state">
                      {device.revokedAt
                        ? t('devices.revokedAt', { at: formatDate(device.revokedAt) })
                        : device.lastSeenAt
                          ? t('devices.seenAt', { at: formatDateTime(device.lastSeenAt) })
                          : t('devices.neverSeen')}
                    </td>
                    <td>
                      {!device.revokedAt && device.deviceId !== list.thisDevice && confirming?.deviceId !== device.deviceId && (
                        <button
                          id={`device-revoke-${device.deviceId}`}
                          type="button"
                          class="button button-quiet button-danger"
                          aria-label={t('devices.revokeNamed', { name: device.deviceName })}
                          onClick={() => askToRevoke(device)}
                        >
                          {t('devices.revoke')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {list !== null && others.length === 0 && (
          <p id="devices-empty" class="muted">
            {t('devices.empty')}
          </p>
        )}
        {confirming && (
          <div
            class="confirm"
            role="alertdialog"
            aria-labelledby="device-revoke-question"
            onKeyDown={(event) => {
              if (event.key === 'Escape') {
                event.stopPropagation();
                cancelRevoke(confirming);
              }
            }}
          >
            <p id="device-revoke-question">{t('devices.revokeQuestion', { name: confirming.deviceName })}</p>
            <div class="form-actions">
              <button
                id="device-revoke-confirm"
                type="button"
                class="button button-danger-solid"
                disabled={revoking}
                onClick={() => void revoke(confirming)}
              >
                {revoking ? t('devices.revoking') : t('devices.revokeYes')}
              </button>
              <button id="device-revoke-cancel" type="button" class="button button-secondary" onClick={() => cancelRevoke(confirming)}>
                {t('devices.revokeNo')}
              </button>
            </div>
          </div>
        )}
        <FormStatus text={revoked === null ? undefined : t('devices.revoked', { name: revoked })} />
        <div class="form-actions">
          <button id="devices-refresh" type="button" class="button button-secondary" disabled={loading} onClick={() => void refresh()}>
            {loading ? t('devices.refreshing') : t('devices.refresh')}
          </button>
        </div>
      </section>
      <section id="devices-enrol" class="panel" aria-labelledby="devices-enrol-title">
        <h2 id="devices-enrol-title" class="panel-title">
          {t('devices.enrolTitle')}
        </h2>
        <p class="panel-intro">{t('devices.enrolIntro')}</p>
        <EnrolDeviceForm
          onEnrolled={(saved) => {
            setIssued(saved);
            setRevoked(null);
            void refresh();
          }}
          onEnrolledWithoutPackage={() => void refresh()}
        />
      </section>
    </>
  );
}
