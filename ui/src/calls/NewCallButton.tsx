import type { Ref } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n';

/**
 * Alt+N starts a call while the screen that calls this is shown: the calls
 * list and the overview, so a phone ringing finds the key working wherever
 * the consultant is looking.
 */
export function useNewCallKey(start: () => void): void {
  const latest = useRef(start);
  latest.current = start;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey && !event.ctrlKey && !event.metaKey && (event.code === 'KeyN' || event.key.toLowerCase() === 'n')) {
        event.preventDefault();
        latest.current();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}

interface NewCallButtonProps {
  id: string;
  disabled: boolean;
  onStart: () => void;
  buttonRef?: Ref<HTMLButtonElement>;
}

/** The primary "New call" button, with Alt+N shown on it and bound while it is shown. */
export function NewCallButton({ id, disabled, onStart, buttonRef }: NewCallButtonProps) {
  const { t } = useI18n();
  useNewCallKey(onStart);
  return (
    <button
      id={id}
      ref={buttonRef}
      type="button"
      class="button button-primary"
      title={t('calls.newHint')}
      aria-keyshortcuts="Alt+N"
      disabled={disabled}
      onClick={onStart}
    >
      {t('calls.new')}
      <kbd class="button-key" aria-hidden="true">
        Alt+N
      </kbd>
    </button>
  );
}
