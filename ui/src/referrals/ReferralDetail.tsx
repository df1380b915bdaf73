import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Municipality, PublicError, ReferralEntry, SessionInfo } from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { toPublicError } from '../ipc/errors';
import { useI18n } from '../i18n';
import { formatDay } from '../i18n/dates';
import { FormError } from '../forms/Field';
import { countryNamer } from '../calls/options';
import { ReferralBadges } from './ReferralBadges';
import { areaName, inLanguage, isTyping, languageName } from './options';

/** How long "Copied" stays on screen. */
export const COPY_STATUS_MS = 4000;

interface ReferralDetailProps {
  session: SessionInfo;
  /** The entry as the search listed it; the full one is asked for at once. */
  entry: ReferralEntry;
  municipalities: readonly Municipality[];
  onEdit: (entry: ReferralEntry) => void;
  onRetired: (entry: ReferralEntry, retired: boolean) => void;
  /** Esc: back to the search box. */
  onBack: () => void;
  /** Whether the entry is among the contacts gathered for the caller's referral sheet. */
  inSheet: boolean;
  onToggleSheet: (id: string) => void;
}

/** A shelter's real address, shown only here and marked as confidential. */
function ConfidentialAddress({ address }: { address: string }) {
  const { t } = useI18n();
  return (
    <div class="referral-confidential" role="group" aria-labelledby="referral-confidential-label">
      <p id="referral-confidential-label" class="referral-confidential-label">
        {t('referral.confidentialAddress')}
      </p>
      <p id="referral-confidential-address" class="referral-confidential-address" tabIndex={-1}>
        {address}
      </p>
      <p class="referral-confidential-warning">{t('referral.confidentialWarning')}</p>
    </div>
  );
}

/**
 * Everything about one directory entry, with copying of its contacts (button,
 * `c` or Ctrl+Shift+C) and, for a shelter, the confidential address: shown to
 * supervisors, opened on purpose (and audited) by consultants.
 */
export function ReferralDetail(props: ReferralDetailProps) {
  const { session, municipalities, onEdit, onRetired, onBack, inSheet, onToggleSheet } = props;
  const backend = useBackend();
  const i18n = useI18n();
  const { t, locale } = i18n;
  const supervisor = session.account.role === 'supervisor';
  const [entry, setEntry] = useState(props.entry);
  const [loaded, setLoaded] = useState(false);
  const [copyStatus, setCopyStatus] = useState<'copied' | 'failed' | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [address, setAddress] = useState<string | null>(null);
  const [problem, setProblem] = useState<PublicError | null>(null);
  const [busy, setBusy] = useState(false);
  const copyTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const alive = useRef(true);

  useEffect(() => {
    let current = true;
    setEntry(props.entry);
    backend.getReferral(props.entry.id).then(
      (full) => {
        if (!current) return;
        setEntry(full);
        setLoaded(true);
      },
      (reason: unknown) => current && setProblem(toPublicError(reason)),
    );
    return () => {
      current = false;
    };
  }, [backend, props.entry]);

  useEffect(
    () => () => {
      alive.current = false;
      clearTimeout(copyTimer.current);
    },
    [],
  );

  async function copy() {
    // Through the shell, so the quick exit can take it off the clipboard again.
    const copied = await backend.copyText(entry.contactText).catch(() => false);
    if (!alive.current) return;
    setCopyStatus(copied ? 'copied' : 'failed');
    clearTimeout(copyTimer.current);
    copyTimer.current = setTimeout(() => setCopyStatus(null), COPY_STATUS_MS);
  }

  // `c` copies when focus is not in a text field; Ctrl+Shift+C copies from anywhere.
  const copyRef = useRef(copy);
  copyRef.current = copy;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const isC = event.key.toLowerCase() === 'c' || event.code === 'KeyC';
      if (!isC || event.altKey || event.metaKey) return;
      const chord = event.ctrlKey && event.shiftKey;
      const bare = !event.ctrlKey && !event.shiftKey && !isTyping(event.target);
      if (chord || bare) {
        event.preventDefault();
        void copyRef.current();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  async function reveal() {
    setBusy(true);
    try {
      const opened = await backend.openConfidentialAddress(entry.id);
      if (!alive.current) return;
      setAddress(opened);
      setConfirming(false);
      setProblem(null);
      setFocusRequest({ id: 'referral-confidential-address' });
    } catch (reason) {
      if (alive.current) setProblem(toPublicError(reason));
    } finally {
      if (alive.current) setBusy(false);
    }
  }

  // Focus follows the reveal: to "Cancel" when asked, to the address once open, back to the button if cancelled.
  const [focusRequest, setFocusRequest] = useState<{ id: string } | null>(null);
  useEffect(() => {
    if (focusRequest) document.getElementById(focusRequest.id)?.focus();
  }, [focusRequest]);

  async function setRetired(retired: boolean) {
    setBusy(true);
    try {
      const changed = await backend.setReferralRetired(entry.id, retired);
      if (!alive.current) return;
      setEntry(changed);
      onRetired(changed, retired);
    } catch (reason) {
      if (alive.current) setProblem(toPublicError(reason));
    } finally {
      if (alive.current) setBusy(false);
    }
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    if (confirming) {
      setConfirming(false);
      setFocusRequest({ id: 'referral-reveal' });
    } else {
      onBack();
    }
  }

  const none = t('referral.none');
  const countryName = countryNamer(locale);
  const text = (value: string) => value.trim() || none;
  const verified = entry.verifiedOn
    ? [formatDay(entry.verifiedOn), entry.verifiedBy ? t('referral.verifiedBy', { name: entry.verifiedBy }) : '']
        .filter(Boolean)
        .join(', ')
    : [t('referral.notVerified'), entry.verifiedBy ? t('referral.verifiedBy', { name: entry.verifiedBy }) : '']
        .filter(Boolean)
        .join(', ');
  const organisation = inLanguage(entry.organisation, locale);

  const rows: [string, ComponentChildren][] = [
    [t('referral.organisation'), organisation],
    [t('referral.service'), inLanguage(entry.service, locale)],
    [t('referral.description'), text(inLanguage(entry.description, locale))],
    [t('referral.serviceTypes'), entry.serviceTypes.map((type) => t(`serviceType.${type}`)).join(', ') || none],
    [t('referral.areas'), entry.areas.map((area) => areaName(t, area, municipalities, countryName)).join(', ') || none],
    [t('referral.address'), text(entry.address)],
    [
      t('referral.phones'),
      entry.phonesDisplay.length ? (
        <ul class="referral-phone-list">
          {entry.phonesDisplay.map((shown, i) => (
            <li key={i}>
              <span class="referral-phone">{shown}</span>
              {entry.phones[i]?.label ? <span class="referral-phone-label"> — {entry.phones[i]!.label}</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        none
      ),
    ],
    [t('referral.email'), text(entry.email)],
    [t('referral.web'), text(entry.web)],
    [t('referral.messenger'), text(entry.messenger)],
    [t('referral.hours'), entry.hoursText ? i18n.localize(entry.hoursText) : t('referrals.hoursUnknown')],
    [t('referral.languages'), entry.languages.map((code) => languageName(t, locale, code)).join(', ') || none],
    [t('referral.notes'), text(inLanguage(entry.notes, locale))],
    [t('referral.verified'), verified],
  ];

  const shownAddress = supervisor ? entry.confidentialAddress : address;

  return (
    <section
      id="referral-detail"
      class="referral-detail"
      aria-labelledby="referral-detail-title"
      aria-busy={loaded ? 'false' : 'true'}
      onKeyDown={onKeyDown}
    >
      <div class="referral-detail-head">
        <h2 id="referral-detail-title" class="referral-detail-title" tabIndex={-1}>
          {organisation}
        </h2>
        <p class="referral-detail-service">{inLanguage(entry.service, locale)}</p>
        <ReferralBadges entry={entry} />
      </div>
      {entry.retired && <p class="notice">{t('referral.retiredNote')}</p>}
      {entry.needsVerification && <p class="referral-warning">{t('referral.needsVerificationNote')}</p>}
      <FormError id="referral-detail-error" text={problem ? i18n.localize(problem.message) : undefined} />

      <div class="referral-actions">
        <button
          id="referral-copy"
          type="button"
          class="button button-primary"
          aria-keyshortcuts="C Control+Shift+C"
          onClick={() => void copy()}
        >
          {t('referral.copy')}
          <kbd class="button-key" aria-hidden="true">
            C
          </kbd>
        </button>
        <button
          id="referral-sheet-toggle"
          type="button"
          class="button button-secondary"
          aria-pressed={inSheet ? 'true' : 'false'}
          onClick={() => onToggleSheet(entry.id)}
        >
          {t(inSheet ? 'sheet.remove' : 'sheet.add')}
        </button>
        {supervisor && (
          <button id="referral-edit" type="button" class="button button-secondary" onClick={() => onEdit(entry)}>
            {t('referral.edit')}
          </button>
        )}
        {supervisor &&
          (entry.retired ? (
            <button id="referral-restore" type="button" class="button button-secondary" disabled={busy} onClick={() => void setRetired(false)}>
              {t('referral.restore')}
            </button>
          ) : (
            <button id="referral-retire" type="button" class="button button-quiet button-danger" disabled={busy} onClick={() => void setRetired(true)}>
              {t('referral.retire')}
            </button>
          ))}
      </div>
      <p id="referral-copy-status" class={copyStatus === 'failed' ? 'status-message status-message-failed' : 'status-message'} role="status">
        {copyStatus === 'copied' ? t('referral.copied') : copyStatus === 'failed' ? t('referral.copyFailed') : ''}
      </p>
      <p class="shortcut-hint">{t('referral.shortcuts')}</p>

      {shownAddress ? (
        <ConfidentialAddress address={shownAddress} />
      ) : (
        entry.hasConfidentialAddress &&
        !supervisor &&
        (confirming ? (
          <div class="confirm" role="alertdialog" aria-labelledby="referral-reveal-question">
            <p id="referral-reveal-question">{t('referral.revealConfirm')}</p>
            <div class="form-actions">
              <button id="referral-reveal-confirm" type="button" class="button button-danger-solid" disabled={busy} onClick={() => void reveal()}>
                {t('referral.revealYes')}
              </button>
              <button
                id="referral-reveal-cancel"
                type="button"
                class="button button-secondary"
                onClick={() => {
                  setConfirming(false);
                  setFocusRequest({ id: 'referral-reveal' });
                }}
              >
                {t('referral.revealNo')}
              </button>
            </div>
          </div>
        ) : (
          <div class="referral-reveal">
            <button id="referral-reveal" type="button" class="button button-secondary" onClick={() => {
                setConfirming(true);
                setFocusRequest({ id: 'referral-reveal-cancel' });
              }}>
              {t('referral.reveal')}
            </button>
          </div>
        ))
      )}

      <dl class="referral-fields">
        {rows.map(([label, value]) => (
          <div key={label} class="referral-field">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
