import { useEffect, useState } from 'preact/hooks';
import type { QuarantinedRecord, QuarantineReason, UpdateStatus } from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { toPublicError } from '../ipc/errors';
import { useI18n, type MessageKey } from '../i18n';
import { formatDateTime } from '../i18n/dates';
import { FormError } from '../forms/Field';

interface QuarantinePanelProps {
  /** How many records the sync status says are set aside; the list reloads when it changes. */
  count: number;
}

const REASONS: Record<QuarantineReason, MessageKey> = {
  unreadable: 'quarantine.reason.unreadable',
  unknownReference: 'quarantine.reason.unknownReference',
  scopeMismatch: 'quarantine.reason.scopeMismatch',
  futureStamp: 'quarantine.reason.futureStamp',
  unknownSigner: 'quarantine.reason.unknownSigner',
  badSignature: 'quarantine.reason.badSignature',
  revokedSigner: 'quarantine.reason.revokedSigner',
  notPermitted: 'quarantine.reason.notPermitted',
  unknownKey: 'quarantine.reason.unknownKey',
  newerSchema: 'quarantine.reason.newerSchema',
  notApplied: 'quarantine.reason.notApplied',
};

/**
 * Supervisors: records another device sent that this one could not apply.
 * Sync went on without them; they are tried again after an update. Shows
 * what they are and why, never their content (this device could not read
 * it as a record).
 */
/**
 * The offered update's version when it reads records of a newer schema than
 * this app: what a record set aside as "written by a newer version" waits for.
 */
export function updateApplyingNewer(status: UpdateStatus | null): string | null {
  const offer = status?.offer;
  return offer && offer.readsRecordSchema > status.readsRecordSchema ? offer.version : null;
}

export function QuarantinePanel({ count }: QuarantinePanelProps) {
  const backend = useBackend();
  const i18n = useI18n();
  const { t } = i18n;
  const [records, setRecords] = useState<QuarantinedRecord[] | null>(null);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [deviceNames, setDeviceNames] = useState<ReadonlyMap<string, string>>(new Map());
  const [updates, setUpdates] = useState<UpdateStatus | null>(null);

  useEffect(() => {
    let current = true;
    backend.updateStatus().then(
      (status) => current && setUpdates(status),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [backend]);
  const updateThatReads = updateApplyingNewer(updates);

  useEffect(() => {
    let current = true;
    backend.quarantinedRecords().then(
      (found) => {
        if (!current) return;
        setRecords(found);
        setProblem(undefined);
        // Names make "from which device" readable; offline, the id's start does.
        if (found.length > 0) {
          backend.listDevices().then(
            (list) => current && setDeviceNames(new Map(list.devices.map((device) => [device.deviceId, device.deviceName]))),
            () => undefined,
          );
        }
      },
      (reason: unknown) => current && setProblem(i18n.localize(toPublicError(reason).message)),
    );
    return () => {
      current = false;
    };
  }, [backend, count]);

  return (
    <section id="quarantine" class="panel" aria-labelledby="quarantine-title">
      <h2 id="quarantine-title" class="panel-title">
        {t('quarantine.title')}
      </h2>
      <FormError id="quarantine-error" text={problem} />
      {records === null && !problem && <p class="muted">{t('app.loading')}</p>}
      {records !== null && records.length === 0 && <p id="quarantine-empty">{t('quarantine.empty')}</p>}
      {records !== null && records.length > 0 && (
        <>
          <p class="panel-intro">{t('quarantine.intro')}</p>
          <div class="table-scroll">
            <table id="quarantine-table" class="table" aria-labelledby="quarantine-title">
              <thead>
                <tr>
                  <th scope="col">{t('quarantine.kind')}</th>
                  <th scope="col">{t('quarantine.reason')}</th>
                  <th scope="col">{t('quarantine.fromDevice')}</th>
                  <th scope="col">{t('quarantine.at')}</th>
                </tr>
              </thead>
              <tbody>
                {records.map((record) => (
                  <tr key={record.envelopeId} class="quarantine-row">
                    <td>{t(kindKey(record.kind))}</td>
                    <td>
                      {t(REASONS[record.reason])}
                      {record.reason === 'newerSchema' && updateThatReads && (
                        <span class="quarantine-update">
                          {' '}
                          {t('quarantine.appliedAfterUpdate', { version: updateThatReads })}
                        </span>
                      )}
                    </td>
                    <td>{deviceName(record.fromDevice, deviceNames)}</td>
                    <td>{formatDateTime(record.quarantinedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function kindKey(kind: string): MessageKey {
  switch (kind) {
    case 'call':
      return 'quarantine.kind.call';
    case 'referral':
      return 'quarantine.kind.referral';
    case 'account':
      return 'quarantine.kind.account';
    case 'callRemoval':
      return 'quarantine.kind.callRemoval';
    case 'auditEntry':
      return 'quarantine.kind.auditEntry';
    case 'keyRotation':
      return 'quarantine.kind.keyRotation';
    default:
      return 'quarantine.kind.other';
  }
}

/** The device's name when the server listed it, else the start of its id. */
function deviceName(id: string | null, names: ReadonlyMap<string, string>) {
  if (!id) return '—';
  return names.get(id) ?? <code>{id.slice(0, 8)}</code>;
}
