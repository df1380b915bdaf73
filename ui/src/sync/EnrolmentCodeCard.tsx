import { Fragment } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { SavedEnrolment } from '../ipc/backend';
import { useI18n } from '../i18n';
import { formatDateTime } from '../i18n/dates';

interface EnrolmentCodeCardProps {
  saved: SavedEnrolment;
  /** The supervisor has read the code out: forget it. */
  onDone: () => void;
}

/**
 * The one-time code of a device just enrolled, shown once in groups of four
 * large characters, with where its package is, until when it is valid and
 * how to hand both over. It takes the focus when it appears, so a screen
 * reader announces it; nothing keeps the code once this closes.
 */
export function EnrolmentCodeCard({ saved, onDone }: EnrolmentCodeCardProps) {
  const { t } = useI18n();
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => title.current?.focus(), [saved]);
  const groups = saved.code.split('-');

  return (
    <section id="enrolment-issued" class="panel enrolment-issued" aria-labelledby="enrolment-issued-title">
      <h2 id="enrolment-issued-title" class="panel-title" tabIndex={-1} ref={title}>
        {t('devices.issuedTitle', { name: saved.deviceName })}
      </h2>
      <p id="enrolment-code-label" class="enrolment-code-label">
        {t('devices.codeLabel')}
      </p>
      <p id="enrolment-code" class="enrolment-code" aria-describedby="enrolment-code-label">
        {groups.map((group, index) => (
          <Fragment key={index}>
            {index > 0 && ' '}
            <span class="enrolment-code-group">{group}</span>
          </Fragment>
        ))}
      </p>
      <p id="enrolment-expires">{t('devices.validUntil', { at: formatDateTime(saved.expiresAt) })}</p>
      <ol class="enrolment-steps">
        <li>{t('devices.stepFile', { path: saved.path })}</li>
        <li>{t('devices.stepCode')}</li>
        <li>{t('devices.stepJoin')}</li>
      </ol>
      <p class="muted">{t('devices.onceOnly')}</p>
      <div class="form-actions">
        <button id="enrolment-done" type="button" class="button button-primary" onClick={onDone}>
          {t('devices.done')}
        </button>
      </div>
    </section>
  );
}
