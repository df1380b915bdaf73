import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppStatus } from '../ipc/backend';
import { consultant, fakeBackend, publicError, sessionFor, supervisor } from '../testing/fakeBackend';
import { $, click, get, mount, press, settle, text, type, unmount } from '../testing/dom';
import { App } from './App';

const notSetUp: AppStatus = { state: 'notSetUp', language: 'lv', session: null };
const locked: AppStatus = { state: 'locked', language: 'lv', session: null };
const unlocked: AppStatus = { state: 'locked', language: 'lv', session: sessionFor(supervisor) };

const wrongCredentials = publicError(
  'wrongCredentials',
  'Nepareizs lietotājvārds vai parole.',
  'Wrong login or passphrase.',
  {
    message: {
      lv: 'Nepareizs lietotājvārds vai parole.',
      en: 'Wrong login or passphrase.',
      ru: 'Неверное имя пользователя или пароль.',
    },
  },
);

afterEach(() => {
  unmount();
  vi.useRealTimers();
});

async function signIn(login: string, passphrase: string) {
  await type('#unlock-login', login);
  await type('#unlock-passphrase', passphrase);
  await click('#unlock-submit');
}

describe('launch status', () => {
  it('draws the first screen from it without waiting for the backend', async () => {
    const backend = fakeBackend(notSetUp);
    backend.appStatus.mockReturnValue(new Promise(() => undefined));
    await mount(<App backend={backend} launchStatus={{ ...notSetUp, language: 'en' }} />);
    expect($('#screen-setup')).not.toBeNull();
    expect(document.documentElement.lang).toBe('en');
    expect($('#screen-start')).toBeNull();
  });

  it('follows the backend when it has moved on since launch', async () => {
    await mount(<App backend={fakeBackend(locked)} launchStatus={notSetUp} />);
    expect($('#screen-setup')).toBeNull();
    expect($('#screen-unlock')).not.toBeNull();
  });

  it('keeps the first screen when the backend cannot answer', async () => {
    const backend = fakeBackend(locked);
    backend.appStatus.mockRejectedValue(publicError('storage', 'Neizdevās.', 'Failed.'));
    await mount(<App backend={backend} launchStatus={locked} />);
    expect($('#screen-unlock')).not.toBeNull();
  });
});

describe('first run', () => {
  it('shows the set-up wizard in Latvian with focus on its first choice', async () => {
    await mount(<App backend={fakeBackend(notSetUp)} />);
    expect($('#screen-setup')).not.toBeNull();
    expect($('#screen-main')).toBeNull();
    expect(document.activeElement?.id).toBe('setup-create');
    expect(document.documentElement.lang).toBe('lv');
  });

  it('ends on the overview with the shortcut tour, which Enter closes and the navigation opens again', async () => {
    const backend = fakeBackend(notSetUp);
    await mount(<App backend={backend} />);
    await click('#setup-create');
    await type('#setup-organisation', 'Patvērums Drošā māja');
    await click('#setup-next');
    await type('#setup-display-name', 'Anna Bērziņa');
    await type('#setup-login', 'anna');
    await type('#setup-passphrase', 'garš un drošs teikums');
    await type('#setup-passphrase-repeat', 'garš un drošs teikums');
    await click('#setup-next');
    await click('#setup-next');
    await click('#setup-not-now');
    await click('#setup-skip-directory');
    await click('#setup-finish');

    expect($('#screen-setup')).toBeNull();
    expect(text('#org-name')).toBe('Patvērums Drošā māja');
    expect(text('#section-title')).toBe('Pārskats');
    expect(get('#shortcut-tour').getAttribute('role')).toBe('dialog');
    expect(text('#shortcut-tour')).toContain('Alt+N — jauns zvans');
    expect(text('#shortcut-tour')).toContain('Ctrl+L — bloķēt');
    expect(document.activeElement?.id).toBe('tour-close');

    await press('Enter');
    expect($('#shortcut-tour')).toBeNull();
    expect(document.activeElement?.id).toBe('section-title');
    expect(text('#overview-drafts')).toContain('Jauns zvans');

    await click('#shortcuts-tour');
    expect($('#shortcut-tour')).not.toBeNull();
    await press('Escape');
    expect($('#shortcut-tour')).toBeNull();
  });

  it('does not show the tour on a later unlock', async () => {
    await mount(<App backend={fakeBackend(unlocked)} />);
    expect($('#screen-main')).not.toBeNull();
    expect($('#shortcut-tour')).toBeNull();
  });
});

describe('locking', () => {
  it('clears the main screen before asking the backend to lock', async () => {
    const backend = fakeBackend(unlocked);
    let mainWhenLocking: Element | null | undefined;
    backend.lock.mockImplementation(() => {
      mainWhenLocking = document.querySelector('#screen-main');
      return Promise.resolve();
    });
    await mount(<App backend={backend} />);
    expect(text('#org-name')).toBe('Patvērums Drošā māja');

    await click('#lock-button');

    expect(backend.lock).toHaveBeenCalledTimes(1);
    expect(mainWhenLocking).toBeNull();
    expect($('#screen-main')).toBeNull();
    expect(document.body.textContent).not.toContain('Patvērums Drošā māja');
    expect($('#screen-unlock')).not.toBeNull();
    expect(get<HTMLInputElement>('#unlock-login').value).toBe('anna');
    expect(document.activeElement?.id).toBe('unlock-passphrase');
  });

  it('locks with Ctrl+L', async () => {
    const backend = fakeBackend(unlocked);
    await mount(<App backend={backend} />);
    await press('l', { ctrlKey: true, code: 'KeyL' });
    expect($('#screen-main')).toBeNull();
    expect($('#screen-unlock')).not.toBeNull();
    expect(backend.lock).toHaveBeenCalledTimes(1);
  });

  it('shows the unlock screen when the backend locks on its own', async () => {
    const backend = fakeBackend(unlocked);
    await mount(<App backend={backend} />);
    await click('#nav-settings');
    expect($('#accounts-table')).not.toBeNull();

    backend.emitLocked('idle');
    await settle();

    expect($('#screen-main')).toBeNull();
    expect($('#accounts-table')).toBeNull();
    expect(text('#screen-unlock .notice')).toContain('netika izmantota');
    expect(backend.lock).not.toHaveBeenCalled();
  });

  it('starts a fresh session on the first section after unlocking again', async () => {
    const backend = fakeBackend(unlocked);
    await mount(<App backend={backend} />);
    await click('#nav-reports');
    await click('#lock-button');
    await signIn('anna', 'garš un drošs teikums');
    expect(backend.unlock).toHaveBeenCalledWith('anna', 'garš un drošs teikums');
    expect(text('#section-title')).toBe('Pārskats');
  });
});

describe('unlocking', () => {
  it('opens the main screen on the right credentials', async () => {
    const backend = fakeBackend(locked);
    backend.unlock.mockResolvedValueOnce(sessionFor(consultant));
    await mount(<App backend={backend} />);
    expect(document.activeElement?.id).toBe('unlock-login');
    await signIn('juris', 'garš un drošs teikums');
    expect(text('#current-user')).toBe('Juris Ozols · Konsultants');
  });

  it('shows a wrong passphrase in the current language and clears the passphrase', async () => {
    const backend = fakeBackend(locked);
    backend.unlock.mockRejectedValueOnce(wrongCredentials);
    await mount(<App backend={backend} />);
    await signIn('anna', 'nepareiza parole');

    expect($('#screen-main')).toBeNull();
    expect(get('#unlock-error').getAttribute('role')).toBe('alert');
    expect(text('#unlock-error')).toBe('Nepareizs lietotājvārds vai parole.');
    expect(get<HTMLInputElement>('#unlock-passphrase').value).toBe('');
    expect(document.activeElement?.id).toBe('unlock-passphrase');

    await click('#lang-en');
    expect(text('#unlock-error')).toBe('Wrong login or passphrase.');
    await click('#lang-ru');
    expect(text('#unlock-error')).toBe('Неверное имя пользователя или пароль.');
  });

  it('disables the button with a countdown while throttled', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const backend = fakeBackend(locked);
    backend.unlock.mockRejectedValueOnce(
      publicError('throttled', 'Pārāk daudz mēģinājumu. Mēģiniet vēlreiz pēc 3 s.', 'Too many attempts. Try again in 3 s.', {
        retryAfterSeconds: 3,
      }),
    );
    await mount(<App backend={backend} />);
    await signIn('anna', 'minējums');

    const button = get<HTMLButtonElement>('#unlock-submit');
    expect(text('#unlock-error')).toBe('Pārāk daudz mēģinājumu. Mēģiniet vēlreiz pēc 3 s.');
    expect(button.disabled).toBe(true);
    expect(button.textContent).toBe('Vēlreiz pēc 3 s');

    await vi.advanceTimersByTimeAsync(1000);
    await settle();
    expect(button.textContent).toBe('Vēlreiz pēc 2 s');

    // Submitting while throttled (Enter in the field) sends nothing.
    await type('#unlock-passphrase', 'vēl viens');
    get<HTMLFormElement>('#screen-unlock form').requestSubmit();
    await settle();
    expect(backend.unlock).toHaveBeenCalledTimes(1);

    await vi.advanceTimersByTimeAsync(2000);
    await settle();
    expect(button.disabled).toBe(false);
    expect(button.textContent).toBe('Atbloķēt');
  });
});

describe('language', () => {
  it('switches at once, tells the backend and sets <html lang>', async () => {
    const backend = fakeBackend(unlocked);
    await mount(<App backend={backend} />);
    expect(get('#lang-lv').getAttribute('aria-pressed')).toBe('true');

    await click('#lang-en');

    expect(backend.setLanguage).toHaveBeenCalledWith('en');
    expect(document.documentElement.lang).toBe('en');
    expect(text('#section-title')).toBe('Overview');
    expect(text('#nav-settings')).toContain('Settings');
    expect(text('#current-user')).toBe('Anna Bērziņa · Supervisor');
    expect(get('#lang-en').getAttribute('aria-pressed')).toBe('true');
    expect(get('#lang-lv').getAttribute('aria-pressed')).toBe('false');
  });

  it('starts in the language the backend remembered', async () => {
    await mount(<App backend={fakeBackend({ ...locked, language: 'en' })} />);
    expect(document.documentElement.lang).toBe('en');
    expect(text('#unlock-submit')).toBe('Unlock');
  });

  it('offers LV, EN and RU on the first-run, unlock and main screens', async () => {
    const shortNames = () => [...document.querySelectorAll('.language-switch button')].map((button) => button.textContent);
    await mount(<App backend={fakeBackend(notSetUp)} />);
    expect(shortNames()).toEqual(['LV', 'EN', 'RU']);
    unmount();
    await mount(<App backend={fakeBackend(locked)} />);
    expect(shortNames()).toEqual(['LV', 'EN', 'RU']);
    unmount();
    await mount(<App backend={fakeBackend(unlocked)} />);
    expect(shortNames()).toEqual(['LV', 'EN', 'RU']);
  });

  it('switches the unlock screen to Russian and asks the backend to remember it', async () => {
    const backend = fakeBackend(locked);
    await mount(<App backend={backend} />);

    await click('#lang-ru');

    expect(backend.setLanguage).toHaveBeenCalledWith('ru');
    expect(document.documentElement.lang).toBe('ru');
    expect(text('#unlock-submit')).toBe('Разблокировать');
    expect(get('#lang-ru').getAttribute('aria-pressed')).toBe('true');
    expect(get('#lang-lv').getAttribute('aria-pressed')).toBe('false');
  });

  it('starts in Russian when the backend remembered Russian', async () => {
    await mount(<App backend={fakeBackend({ ...unlocked, language: 'ru' })} />);
    expect(document.documentElement.lang).toBe('ru');
    expect(text('#section-title')).toBe('Обзор');
    expect(text('#current-user')).toBe('Anna Bērziņa · Супервизор');
  });
});

describe('main screen', () => {
  it('opens on the overview and switches sections with Alt+digits', async () => {
    await mount(<App backend={fakeBackend(unlocked)} />);
    expect(text('#section-title')).toBe('Pārskats');
    expect(get('#nav-overview').getAttribute('aria-keyshortcuts')).toBe('Alt+1');
    await press('3', { altKey: true, code: 'Digit3' });
    expect(text('#section-title')).toBe('Nosūtījumi');
    expect(get('#nav-referrals').getAttribute('aria-current')).toBe('page');
    expect(get('#nav-calls').hasAttribute('aria-current')).toBe(false);
    await press('6', { altKey: true, code: 'Digit6' });
    expect(text('#section-title')).toBe('Iestatījumi');
    expect(document.activeElement?.id).toBe('section-title');
  });

  it('tells the backend about activity, at most once per 20 seconds', async () => {
    const backend = fakeBackend(unlocked);
    await mount(<App backend={backend} />);
    await press('a');
    await press('b');
    await act_pointer();
    expect(backend.touch).toHaveBeenCalledTimes(1);
  });

  it('offers a way out when the backend cannot be reached at start', async () => {
    const backend = fakeBackend(locked);
    backend.appStatus.mockRejectedValueOnce(publicError('storage', 'Neizdevās nolasīt datus.', 'Could not read the data.'));
    await mount(<App backend={backend} />);
    expect(text('.form-error')).toBe('Neizdevās nolasīt datus.');
    await click('#screen-start button');
    expect($('#screen-unlock')).not.toBeNull();
  });
});

async function act_pointer() {
  document.body.dispatchEvent(new Event('pointerdown', { bubbles: true }));
  await settle();
}
