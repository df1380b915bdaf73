import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { FollowUpItem, Language, LockReason, SessionInfo } from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { useI18n } from '../i18n';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { BrandMark, ExitIcon, LockIcon } from '../layout/icons';
import { AuditScreen } from '../audit/AuditScreen';
import { CategoriesProvider } from '../categories/CategoriesProvider';
import { type CallsOpening, CallsScreen } from '../calls/CallsScreen';
import { OpenDraftsContext, openDrafts } from '../calls/openDrafts';
import { OverviewScreen } from '../overview/OverviewScreen';
import { ReferralsScreen } from '../referrals/ReferralsScreen';
import { ReportsScreen } from '../reports/ReportsScreen';
import { SettingsScreen } from '../settings/SettingsScreen';
import { SyncIndicator } from '../sync/SyncIndicator';
import { UpdateNotice } from '../updates/UpdateNotice';
import { SyncSection } from '../sync/SyncSection';
import { AutoLockWarning, useAutoLockWarning } from './AutoLockWarning';
import { FollowUpReminder } from './FollowUpReminder';
import { ShortcutTour } from './ShortcutTour';
import { SECTIONS, type Section, sectionName, sectionOpenTo } from './sections';

interface MainScreenProps {
  session: SessionInfo;
  /** The backup this session was restored from, said once at the top. */
  restoredFrom: string | null;
  language: Language;
  onLanguage: (language: Language) => void;
  onSessionChange: (session: SessionInfo) => void;
  /** Lock: the person asked (button or Ctrl+L), or the idle warning ran out. */
  onLock: (reason: LockReason) => void;
  /** Opens with the shortcut tour (right after set-up). */
  tour?: boolean;
}

/** The signed-in workspace: header, section navigation and the current section. */
export function MainScreen(props: MainScreenProps) {
  const { session, restoredFrom, language, onLanguage, onSessionChange, onLock, tour = false } = props;
  const backend = useBackend();
  const { t } = useI18n();
  const [restoredNotice, setRestoredNotice] = useState(restoredFrom);
  const [tourOpen, setTourOpen] = useState(tour);
  const [section, setSection] = useState<Section>('overview');
  /** What the calls section opens with when the overview sent the person there; null for its list. */
  const [opening, setOpening] = useState<CallsOpening | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  const followUps = useFollowUps(section);
  const overdue = followUps?.filter((item) => item.overdue).length ?? 0;
  /** Set when the reminder leads to the follow-up list: focus goes there, not to the title. */
  const toFollowUps = useRef(false);
  /** Set when the overview opens a call: the call form or view puts focus where it belongs. */
  const toCall = useRef(false);

  /** A section picked in the navigation (or by Alt+digit) opens at its start. */
  const go = useCallback((target: Section) => {
    setOpening(null);
    setSection(target);
  }, []);

  const openCall = useCallback((call: CallsOpening) => {
    toCall.current = true;
    setOpening(call);
    setSection('calls');
  }, []);

  const closeTour = useCallback(() => {
    setTourOpen(false);
    title.current?.focus();
  }, []);

  /** Hides everything at once, before the app swaps screens and tells the backend. */
  function lockNow(reason: LockReason = 'manual') {
    if (root.current) root.current.hidden = true;
    onLock(reason);
  }

  /**
   * The quick exit: hides everything here at once; the shell locks, hides
   * the window and takes the app's text off the clipboard, and its `locked`
   * event brings the unlock screen. If the shell cannot be reached, at least lock.
   */
  function quickExit() {
    if (root.current) root.current.hidden = true;
    backend.quickExit().catch(() => onLock('manual'));
  }

  const drafts = useMemo(openDrafts, []);
  const lockWarning = useAutoLockWarning({
    minutes: session.autoLockMinutes,
    // A refusal needs no answer here: `locked` reaches the app through the backend itself.
    touch: () => void backend.touch().catch(() => undefined),
    drafts,
    onLock: () => lockNow('idle'),
  });

  // Keyboard-first: Alt+1…Alt+7 pick a section, Ctrl+L locks, Ctrl+Shift+L
  // is the quick exit (Ctrl+Shift+S syncs: see SyncIndicator). The shell
  // takes Ctrl+Shift+L from every window first; it reaches this page only
  // when another program holds that key.
  const shortcuts = useRef<(event: KeyboardEvent) => void>(() => undefined);
  shortcuts.current = (event) => {
    if (tourOpen) return;
    if (event.ctrlKey && !event.altKey && !event.metaKey && (event.code === 'KeyL' || event.key.toLowerCase() === 'l')) {
      event.preventDefault();
      if (event.shiftKey) quickExit();
      else lockNow();
      return;
    }
    if (event.altKey && !event.ctrlKey && !event.metaKey) {
      const digit = /^Digit([1-9])$/.exec(event.code)?.[1] ?? (/^[1-9]$/.test(event.key) ? event.key : undefined);
      const target = digit ? SECTIONS[Number(digit) - 1] : undefined;
      if (target && sectionOpenTo(target, session.account.role)) {
        event.preventDefault();
        go(target);
      }
    }
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => shortcuts.current(event);
    document.addEventListener('keydown', onKey, true);
    return () => document.removeEventListener('keydown', onKey, true);
  }, []);

  // A new section: say so to the window title and move focus to its heading.
  useLayoutEffect(() => {
    document.title = t('app.documentTitle', { section: t(sectionName(section)) });
  }, [section, t]);
  // The directory puts focus in its search box instead: people open it to type.
  // The tour, when it opens with the screen, keeps focus on its own button.
  useEffect(() => {
    if (toFollowUps.current) {
      toFollowUps.current = false;
      document.getElementById('follow-ups-title')?.focus();
    } else if (toCall.current) {
      toCall.current = false;
    } else if (section !== 'referrals' && !tourOpen) {
      title.current?.focus();
    }
  }, [section]);

  const { account, organisation } = session;
  const navigation = SECTIONS.flatMap((item, index) => (sectionOpenTo(item, account.role) ? [{ item, digit: index + 1 }] : []));
  return (
    <CategoriesProvider>
      <div id="screen-main" class="screen screen-main" ref={root}>
        <a class="skip-link" href="#main-content" onClick={(e) => { e.preventDefault(); title.current?.focus(); }}>
          {t('app.skipToContent')}
        </a>
        <header class="app-header">
          <div class="brand">
            <BrandMark />
            <div class="brand-text">
              <p id="org-name" class="org-name">{organisation.name}</p>
              <p class="brand-name">{t('app.name')}</p>
            </div>
          </div>
          <div class="header-tools">
            <SyncIndicator />
            <UpdateNotice drafts={drafts} />
            <p id="current-user" class="current-user">
              {t('main.user', { name: account.displayName, role: t(`role.${account.role}`) })}
            </p>
            <LanguageSwitch language={language} onChange={onLanguage} />
            <button
              id="lock-button"
              type="button"
              class="button button-lock"
              title={t('main.lockHint')}
              aria-keyshortcuts="Control+L"
              onClick={() => lockNow()}
            >
              <LockIcon />
              <span>{t('main.lock')}</span>
            </button>
            <button
              id="quick-exit-button"
              type="button"
              class="button button-quick-exit"
              title={t('main.quickExitHint')}
              aria-keyshortcuts="Control+Shift+L"
              onClick={quickExit}
            >
              <ExitIcon />
              <span>{t('main.quickExit')}</span>
            </button>
          </div>
        </header>
        <div class="app-body">
          <nav class="app-nav" aria-label={t('main.navLabel')}>
            <ul class="nav-list">
              {navigation.map(({ item, digit }) => (
                <li key={item}>
                  <a
                    id={`nav-${item}`}
                    class="nav-link"
                    href={`#${item}`}
                    aria-current={item === section ? 'page' : undefined}
                    aria-keyshortcuts={`Alt+${digit}`}
                    onClick={(e) => {
                      e.preventDefault();
                      go(item);
                    }}
                  >
                    <span>{t(sectionName(item))}</span>
                    {item === 'calls' && overdue > 0 && (
                      <span id="nav-overdue" class="nav-count" title={t('nav.overdueHint', { count: overdue })}>
                        {overdue}
                      </span>
                    )}
                    <kbd class="nav-key" aria-hidden="true">
                      Alt+{digit}
                    </kbd>
                  </a>
                </li>
              ))}
            </ul>
            <div class="shortcuts">
              <p class="shortcuts-title">{t('main.shortcutsTitle')}</p>
              <p>{t('main.shortcutSections')}</p>
              <p>{t('main.shortcutLock')}</p>
              <p>{t('main.shortcutQuickExit')}</p>
              <p>{t('main.shortcutSync')}</p>
              {(section === 'calls' || section === 'overview') && <p>{t('calls.shortcut')}</p>}
              {section === 'referrals' && <p>{t('referrals.shortcut')}</p>}
              {section === 'reports' && <p>{t('reports.shortcut')}</p>}
              {section === 'audit' && <p>{t('audit.shortcut')}</p>}
              <button id="shortcuts-tour" type="button" class="button button-quiet" onClick={() => setTourOpen(true)}>
                {t('tour.open')}
              </button>
            </div>
          </nav>
          <main id="main-content" class="app-content">
            {restoredNotice && (
              <div id="restored-notice" class="notice top-notice" role="status">
                <p>{t('restore.done', { path: restoredNotice })}</p>
                <button type="button" class="button button-secondary" onClick={() => setRestoredNotice(null)}>
                  {t('restore.dismiss')}
                </button>
              </div>
            )}
            <FollowUpReminder
              items={followUps}
              me={account.id}
              onShow={() => {
                if (section === 'calls') {
                  document.getElementById('follow-ups-title')?.focus();
                } else {
                  toFollowUps.current = true;
                  go('calls');
                }
              }}
            />
            <h1 id="section-title" class="section-title" tabIndex={-1} ref={title}>
              {t(sectionName(section))}
            </h1>
            <OpenDraftsContext.Provider value={drafts}>
              {section === 'settings' ? (
                <SettingsScreen session={session} language={language} onLanguage={onLanguage} onSessionChange={onSessionChange} />
              ) : section === 'overview' ? (
                <OverviewScreen session={session} onOpenCall={openCall} onSection={go} />
              ) : section === 'calls' ? (
                <CallsScreen session={session} opening={opening} />
              ) : section === 'referrals' ? (
                <ReferralsScreen session={session} />
              ) : section === 'reports' ? (
                <ReportsScreen />
              ) : section === 'audit' ? (
                <AuditScreen />
              ) : (
                <SyncSection session={session} />
              )}
            </OpenDraftsContext.Provider>
          </main>
        </div>
        {tourOpen && <ShortcutTour onClose={closeTour} />}
        {lockWarning !== null && <AutoLockWarning seconds={lockWarning} />}
      </div>
    </CategoriesProvider>
  );
}

/**
 * The follow-ups this account sees, for the overdue count beside the calls
 * section and the reminder after unlocking (`null` until they come): asked
 * again whenever the section changes, so one marked done in the calls
 * section is gone from the count on the way out.
 */
function useFollowUps(section: Section): FollowUpItem[] | null {
  const backend = useBackend();
  const [items, setItems] = useState<FollowUpItem[] | null>(null);
  useEffect(() => {
    let current = true;
    backend.followUps().then(
      (found) => current && setItems(found),
      // The calls section says what went wrong; the count just stays as it was.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [backend, section]);
  return items;
}
