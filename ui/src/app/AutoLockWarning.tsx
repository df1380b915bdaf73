import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { OpenDrafts } from '../calls/openDrafts';
import { useI18n } from '../i18n';
import { throttledPing } from './activity';

/** How long the warning counts down before the app locks with a call open. */
export const WARNING_SECONDS = 30;
/**
 * The shell checks its idle time every 5 seconds and locks on its own once
 * it is up. The countdown ends this long before the earliest moment it
 * could, so the draft is saved while the session is still open.
 */
const SHELL_CHECK_MS = 5_000;

interface AutoLockOptions {
  /** The idle time after which the shell locks (the session's setting). */
  minutes: number;
  /** The activity ping that postpones the shell's lock. */
  touch: () => void;
  drafts: OpenDrafts;
  /** Locks, after the open drafts were saved. */
  onLock: () => void;
}

/**
 * Keeps the shell's idle timer told of keys and clicks, and, while a call
 * is being logged, turns the end of the idle time into a warning: a
 * countdown that any key or mouse movement cancels, and at its end every
 * open draft is saved before the app locks. Without a call open the shell
 * locks by itself as before. Returns the seconds left while the warning is
 * up, else `null`.
 *
 * The shell counts its idle time from the last command it got, which is
 * never earlier than the last ping sent from here; the warning is timed from
 * that ping, so it always comes before the shell's own lock.
 */
export function useAutoLockWarning({ minutes, touch, drafts, onLock }: AutoLockOptions): number | null {
  const [left, setLeft] = useState<number | null>(null);
  const latest = useRef({ touch, drafts, onLock });
  latest.current = { touch, drafts, onLock };

  useEffect(() => {
    const warnAfterMs = Math.max(0, minutes * 60_000 - WARNING_SECONDS * 1000 - SHELL_CHECK_MS);
    let lastTouch = Date.now();
    let lastActivity = lastTouch;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let countdown: ReturnType<typeof setInterval> | undefined;
    let warning = false;
    /** Where focus was when the warning took it, to go back to when it is cancelled. */
    let focusBefore: HTMLElement | null = null;

    function schedule() {
      clearTimeout(timer);
      timer = setTimeout(check, Math.max(0, lastTouch + warnAfterMs - Date.now()));
    }
    function sendTouch() {
      lastTouch = Date.now();
      latest.current.touch();
      schedule();
    }
    const ping = throttledPing(sendTouch);

    function check() {
      timer = undefined;
      // Keys pressed since the last ping that the throttle held back: tell the shell now.
      if (lastActivity > lastTouch) sendTouch();
      else if (latest.current.drafts.any()) warn();
    }
    function warn() {
      warning = true;
      focusBefore = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      const endsAt = Date.now() + WARNING_SECONDS * 1000;
      setLeft(WARNING_SECONDS);
      countdown = setInterval(() => {
        const seconds = Math.ceil((endsAt - Date.now()) / 1000);
        if (seconds > 0) {
          setLeft(seconds);
          return;
        }
        clearInterval(countdown);
        void latest.current.drafts.flushAll().then(() => latest.current.onLock());
      }, 1000);
    }
    function onActivity(event: Event) {
      // A mouse moving by itself (a nudged desk) only answers the warning; it
      // does not keep an unattended app open.
      if (event.type === 'pointermove' && !warning) return;
      lastActivity = Date.now();
      if (warning) {
        // The key that cancels the warning does nothing else: no listener
        // after this one gets it, and one before it found the focus on the warning.
        if (event.type === 'keydown') {
          event.preventDefault();
          event.stopImmediatePropagation();
        }
        warning = false;
        clearInterval(countdown);
        setLeft(null);
        focusBefore?.focus();
        sendTouch();
        return;
      }
      ping();
      if (timer === undefined) schedule();
    }

    schedule();
    // On the window and captured: the key that cancels the warning goes no further.
    const events = ['keydown', 'pointerdown', 'pointermove'] as const;
    for (const type of events) window.addEventListener(type, onActivity, true);
    return () => {
      clearTimeout(timer);
      clearInterval(countdown);
      for (const type of events) window.removeEventListener(type, onActivity, true);
    };
  }, [minutes]);

  return left;
}

/**
 * The countdown before the app locks with a call open. It takes the focus,
 * so the key that answers it reaches no form's shortcut (F8 would finish
 * the call); the hook gives the focus back.
 */
export function AutoLockWarning({ seconds }: { seconds: number }) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => box.current?.focus(), []);
  return (
    <div
      id="auto-lock-warning"
      ref={box}
      class="auto-lock-warning"
      role="alertdialog"
      aria-labelledby="auto-lock-warning-title"
      aria-describedby="auto-lock-warning-draft"
      tabIndex={-1}
    >
      <p id="auto-lock-warning-title" class="auto-lock-warning-title">
        {t('autoLock.warning', { seconds })}
      </p>
      <p id="auto-lock-warning-draft">{t('autoLock.draftKept')}</p>
    </div>
  );
}
