import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { ChosenFile, SyncStatus } from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { toPublicError } from '../ipc/errors';
import { useI18n } from '../i18n';
import { Field, FormError } from '../forms/Field';
import { useFocusFirstInvalid, valueOf } from '../forms/focus';
import { type FormProblems, type Message, messageText, noProblems } from '../forms/problems';

export type ServerField = 'serverUrl' | 'deviceName' | 'serverCertificate' | 'registrationSecret';

/** What the person typed and chose; kept by the caller so nothing is lost between steps. */
export interface ServerAnswers {
  serverUrl: string;
  deviceName: string;
  certificate: ChosenFile | null;
  /** The server's registration secret, when its operator set one; never kept. */
  registrationSecret: string;
}

export const NO_SERVER_ANSWERS: ServerAnswers = { serverUrl: '', deviceName: '', certificate: null, registrationSecret: '' };

const FIELD_NAMES: readonly string[] = ['serverUrl', 'deviceName', 'serverCertificate', 'registrationSecret'];

/**
 * Where a refused registration is shown. The backend names the field for a
 * bad address, name or certificate file; an unreachable server belongs to the
 * address and an untrusted certificate to the certificate, each with what to
 * do in this situation (the device is not connected yet, so nothing "waits").
 */
export function serverProblems(reason: unknown): FormProblems<ServerField> {
  const error = toPublicError(reason);
  const message: Message = { localized: error.message };
  if (error.field !== undefined && FIELD_NAMES.includes(error.field)) {
    return { fields: { [error.field as ServerField]: message } };
  }
  if (error.code === 'serverUnreachable') return { fields: { serverUrl: { key: 'server.unreachable' } } };
  if (error.code === 'serverCertificateUntrusted') return { fields: { serverCertificate: { key: 'server.untrusted' } } };
  return { form: message, fields: {} };
}

interface ServerFormProps {
  answers: ServerAnswers;
  onAnswers: (answers: ServerAnswers) => void;
  onConnected: (status: SyncStatus) => void;
  /** Buttons after "Connect" (the wizard's "Back" and "Not now"). */
  actions?: ComponentChildren;
  /** Shown under the actions once a registration failed (the wizard: the device is ready anyway). */
  afterFailure?: ComponentChildren;
}

/** Connects the organisation to its sync server with this device as the first device (supervisors). */
export function ServerForm({ answers, onAnswers, onConnected, actions, afterFailure }: ServerFormProps) {
  const backend = useBackend();
  const i18n = useI18n();
  const { t } = i18n;
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<FormProblems<ServerField>>(noProblems);
  const [failed, setFailed] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, problems);
  const error = (field: ServerField) => messageText(i18n, problems.fields[field]);
  const set = (patch: Partial<ServerAnswers>) => onAnswers({ ...answers, ...patch });

  async function chooseCertificate() {
    try {
      const chosen = await backend.chooseServerCertificate();
      if (chosen) {
        set({ certificate: chosen });
        setProblems(noProblems());
      }
    } catch (reason) {
      const error = toPublicError(reason);
      setProblems({ fields: { serverCertificate: { localized: error.message } } });
    }
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const missing: FormProblems<ServerField> = { fields: {} };
    if (!answers.serverUrl.trim()) missing.fields.serverUrl = { key: 'setup.required' };
    if (!answers.deviceName.trim()) missing.fields.deviceName = { key: 'setup.required' };
    if (Object.keys(missing.fields).length > 0) {
      setProblems(missing);
      return;
    }
    setProblems(noProblems());
    setBusy(true);
    try {
      const status = await backend.registerSyncServer(
        answers.serverUrl,
        answers.deviceName,
        answers.certificate?.text ?? null,
        answers.registrationSecret === '' ? null : answers.registrationSecret,
      );
      setBusy(false);
      onConnected(status);
    } catch (reason) {
      setBusy(false);
      setFailed(true);
      setProblems(serverProblems(reason));
    }
  }

  return (
    <form ref={form} id="server-form" class="form" onSubmit={submit} noValidate aria-busy={busy ? 'true' : 'false'}>
      <FormError id="server-error" text={messageText(i18n, problems.form)} />
      <Field id="server-url" label={t('server.url')} hint={t('server.urlHint')} error={error('serverUrl')}>
        {(a11y) => (
          <input
            {...a11y}
            type="url"
            inputMode="url"
            autoCapitalize="none"
            spellcheck={false}
            value={answers.serverUrl}
            onInput={(e) => set({ serverUrl: valueOf(e) })}
          />
        )}
      </Field>
      <Field id="server-device-name" label={t('server.deviceName')} hint={t('server.deviceNameHint')} error={error('deviceName')}>
        {(a11y) => <input {...a11y} type="text" value={answers.deviceName} onInput={(e) => set({ deviceName: valueOf(e) })} />}
      </Field>
      <div class={error('serverCertificate') ? 'field field-invalid' : 'field'}>
        <p class="field-label" id="server-certificate-label">
          {t('server.certificate')}
        </p>
        <p class="field-hint" id="server-certificate-hint">
          {t('server.certificateHint')}
        </p>
        <div class="file-choice">
          <button
            id="server-certificate"
            type="button"
            class="button button-secondary"
            aria-describedby={['server-certificate-label', error('serverCertificate') ? 'server-certificate-error' : '', 'server-certificate-hint']
              .filter(Boolean)
              .join(' ')}
            aria-invalid={error('serverCertificate') ? 'true' : undefined}
            onClick={() => void chooseCertificate()}
          >
            {t('server.chooseCertificate')}
          </button>
          {answers.certificate && (
            <>
              <span id="server-certificate-name" class="chosen-file">
                {answers.certificate.name}
              </span>
              <button id="server-certificate-remove" type="button" class="button button-quiet" onClick={() => set({ certificate: null })}>
                {t('server.removeCertificate')}
              </button>
            </>
          )}
        </div>
        {error('serverCertificate') && (
          <p class="field-error" id="server-certificate-error">
            {error('serverCertificate')}
          </p>
        )}
      </div>
      <Field
        id="server-registration-secret"
        label={t('server.registrationSecret')}
        hint={t('server.registrationSecretHint')}
        error={error('registrationSecret')}
      >
        {(a11y) => (
          <input
            {...a11y}
            type="password"
            autoComplete="off"
            value={answers.registrationSecret}
            onInput={(e) => set({ registrationSecret: valueOf(e) })}
          />
        )}
      </Field>
      <div class="form-actions">
        <button id="server-connect" type="submit" class="button button-primary" disabled={busy}>
          {busy ? t('server.connecting') : failed ? t('server.retry') : t('server.connect')}
        </button>
        {actions}
      </div>
      {failed && afterFailure}
    </form>
  );
}
