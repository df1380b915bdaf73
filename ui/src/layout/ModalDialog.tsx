import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

const FOCUSABLE = 'input, select, textarea, button';

interface ModalDialogProps {
  /** Names the dialog's ids: `{name}-dialog`, `{name}-title`, `{name}-intro`. */
  name: string;
  title: string;
  intro: string;
  /** Focus moves into the dialog once its content is there. */
  ready: boolean;
  onClose: () => void;
  children: ComponentChildren;
}

/**
 * A modal dialog over the screen, operable by keyboard alone: focus goes to
 * its first control once `ready`, Tab and Shift+Tab stay inside, Escape
 * closes it (and does not reach the screen underneath).
 */
export function ModalDialog({ name, title, intro, ready, onClose, children }: ModalDialogProps) {
  const dialog = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (ready) dialog.current?.querySelector<HTMLElement>(FOCUSABLE)?.focus();
  }, [ready]);

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key !== 'Tab' || !dialog.current) return;
    const focusable = [...dialog.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
      (element) => !(element as HTMLButtonElement).disabled,
    );
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first?.focus();
    }
  }

  return (
    <div class="tour-backdrop">
      <div
        ref={dialog}
        id={`${name}-dialog`}
        class="tour print-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${name}-title`}
        aria-describedby={`${name}-intro`}
        aria-busy={ready ? 'false' : 'true'}
        onKeyDown={onKeyDown}
      >
        <h2 id={`${name}-title`} class="tour-title">
          {title}
        </h2>
        <p id={`${name}-intro`} class="tour-intro">
          {intro}
        </p>
        {children}
      </div>
    </div>
  );
}
