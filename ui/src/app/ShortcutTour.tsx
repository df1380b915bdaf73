import { useEffect, useRef } from 'preact/hooks';
import { type MessageKey, useI18n } from '../i18n';

/** The shortcuts by where they work, in the words the rest of the app uses for them. */
const GROUPS: readonly { title: MessageKey; items: readonly MessageKey[] }[] = [
  { title: 'tour.everywhere', items: ['main.shortcutSections', 'main.shortcutLock', 'main.shortcutQuickExit', 'main.shortcutSync'] },
  // Alt+N works on the overview as in the calls list: the tour lists it once, with the calls.
  { title: 'tour.calls', items: ['calls.shortcut', 'call.shortcuts', 'call.editShortcuts'] },
  { title: 'tour.directory', items: ['referrals.shortcut', 'referral.shortcuts', 'referralForm.shortcuts'] },
  { title: 'tour.supervisors', items: ['reports.shortcut', 'audit.shortcut'] },
];

/**
 * One screen with every keyboard shortcut: shown once right after set-up,
 * and again from the shortcut box in the navigation. Enter or Escape closes it.
 */
export function ShortcutTour({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const close = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    close.current?.focus();
    // Captured first, so the screen underneath does not act on the same key.
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Enter' || event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        onClose();
      } else if (event.key === 'Tab') {
        event.preventDefault();
        close.current?.focus();
      }
    };
    document.addEventListener('keydown', onKey, true);
    return () => document.removeEventListener('keydown', onKey, true);
  }, [onClose]);

  return (
    <div class="tour-backdrop">
      <div id="shortcut-tour" class="tour" role="dialog" aria-modal="true" aria-labelledby="tour-title" aria-describedby="tour-intro">
        <h2 id="tour-title" class="tour-title">
          {t('tour.title')}
        </h2>
        <p id="tour-intro" class="tour-intro">
          {t('tour.intro')}
        </p>
        <div class="tour-groups">
          {GROUPS.map((group) => (
            <section key={group.title} class="tour-group">
              <h3>{t(group.title)}</h3>
              <ul>
                {group.items.map((item) => (
                  <li key={item}>{t(item)}</li>
                ))}
              </ul>
            </section>
          ))}
        </div>
        <div class="form-actions">
          <button ref={close} id="tour-close" type="button" class="button button-primary" aria-keyshortcuts="Enter Escape" onClick={onClose}>
            {t('tour.close')}
          </button>
          <span class="muted">{t('tour.later')}</span>
        </div>
      </div>
    </div>
  );
}
