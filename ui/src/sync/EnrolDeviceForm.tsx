import { useRef, useState } from 'preact/hooks';
import type { Region, Role, SavedEnrolment } from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { toPublicError } from '../ipc/errors';
import { useI18n } from '../i18n';
import { ChoiceSelect } from '../forms/ChoiceSelect';
import { Field, FormError } from '../forms/Field';
import { useFocusFirstInvalid, valueOf } from '../forms/focus';
import { type FormProblems, type Message, messageText, noProblems } from '../forms/problems';
import { REGIONS, ROLES } from '../forms/regions';

export type EnrolField = 'deviceName' | 'role' | 'region';

const FIELD_FOR: Readonly<Record<string, EnrolField>> = { deviceName: 'deviceName', role: 'role', region: 'region' };

/**
 * Where a refused enrolment is shown, with what to do in this situation: a
 * field the backend names goes beside it; an unreachable server means
 * nothing was enrolled; a package that could not be written means the
 * device was enrolled without one, so it is to be revoked and enrolled
 * again.
 */
export function enrolProblems(reason: unknown): FormProblems<EnrolField> {
  const error = toPublicError(reason);
  const message: Message = { localized: error.message };
  const field = error.field !== undefined ? FIELD_FOR[error.field] : undefined;
  if (field !== undefined) return { fields: { [field]: message } };
  if (error.code === 'serverUnreachable') return { form: { key: 'devices.enrolUnreachable' }, fields: {} };
  if (error.code === 'storage') return { form: { key: 'devices.enrolNotSaved' }, fields: {} };
  return { form: message, fields: {} };
}

interface EnrolDeviceFormProps {
  /** A package was saved: the code is to be shown (once) and the list refreshed. */
  onEnrolled: (saved: SavedEnrolment) => void;
  /** The device was enrolled but its package could not be written: it is in the list now, to revoke. */
  onEnrolledWithoutPackage: () => void;
}

/**
 * Supervisors: a new device's name, role and region. The backend then asks
 * where to save the package; the form stays as typed when the dialog is
 * cancelled.
 */
export function EnrolDeviceForm({ onEnrolled, onEnrolledWithoutPackage }: EnrolDeviceFormProps) {
  const backend = useBackend();
  const i18n = useI18n();
  const { t } = i18n;
  const [deviceName, setDeviceName] = useState('');
  const [role, setRole] = useState<Role>('consultant');
  const [region, setRegion] = useState<Region>('riga');
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<FormProblems<EnrolField>>(noProblems);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, problems);
  const error = (field: EnrolField) => messageText(i18n, problems.fields[field]);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    if (!deviceName.trim()) {
      setProblems({ fields: { deviceName: { key: 'setup.required' } } });
      return;
    }
    setProblems(noProblems());
    setBusy(true);
    try {
      const saved = await backend.enrolDevice({ deviceName, role, region });
      setBusy(false);
      if (saved) {
        setDeviceName('');
        onEnrolled(saved);
      }
    } catch (reason) {
      setBusy(false);
      setProblems(enrolProblems(reason));
      if (toPublicError(reason).code === 'storage') onEnrolledWithoutPackage();
    }
  }

  return (
    <form ref={form} id="enrol-form" class="form" onSubmit={submit} noValidate aria-busy={busy ? 'true' : 'false'}>
      <FormError id="enrol-error" text={messageText(i18n, problems.form)} />
      <Field id="enrol-device-name" label={t('devices.name')} hint={t('devices.nameHint')} error={error('deviceName')}>
        {(a11y) => (
          <input {...a11y} type="text" autoComplete="off" value={deviceName} onInput={(e) => setDeviceName(valueOf(e))} />
        )}
      </Field>
      <div class="form-row">
        <Field id="enrol-role" label={t('devices.role')} error={error('role')}>
          {(a11y) => <ChoiceSelect a11y={a11y} choices={ROLES} value={role} labelOf={(code) => t(`role.${code}`)} onChange={setRole} />}
        </Field>
        <Field id="enrol-region" label={t('devices.region')} hint={t('devices.regionHint')} error={error('region')}>
          {(a11y) => (
            <ChoiceSelect a11y={a11y} choices={REGIONS} value={region} labelOf={(code) => t(`region.${code}`)} onChange={setRegion} />
          )}
        </Field>
      </div>
      <div class="form-actions">
        <button id="enrol-submit" type="submit" class="button button-primary" disabled={busy}>
          {busy ? t('devices.enrolling') : t('devices.enrol')}
        </button>
      </div>
    </form>
  );
}
