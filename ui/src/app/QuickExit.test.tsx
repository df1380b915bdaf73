// The quick exit in the header: one press takes everything off the screen and
// hands over to the shell, which locks, hides the window and empties the
// clipboard of the app's own text (decided and tested in src-tauri).
import { afterEach, describe, expect, it } from 'vitest';
import type { AppStatus } from '../ipc/backend';
import { fakeBackend, publicError, sessionFor, supervisor, type FakeBackend } from '../testing/fakeBackend';
import { $, click, get, mount, press, settle, text, unmount } from '../testing/dom';
import { App } from './App';

afterEach(unmount);

const signedIn: AppStatus = { state: 'locked', language: 'lv', session: sessionFor(supervisor) };

async function openApp(): Promise<FakeBackend> {
  const backend = fakeBackend(signedIn);
  await mount(<App backend={backend} />);
  return backend;
}

describe('the quick exit button', () => {
  it('is a named button in the header, reached with Tab, that names its key', async () => {
    await openApp();
    const button = get<HTMLButtonElement>('#quick-exit-button');
    expect(button.tagName).toBe('BUTTON');
    expect(button.closest('header')).not.toBeNull();
    expect(button.textContent).toBe('Ātrā iziešana');
    expect(button.tabIndex).toBe(0);
    expect(button.getAttribute('aria-keyshortcuts')).toBe('Control+Shift+L');
    expect(button.title).toContain('Ctrl+Shift+L');

    await click('#lang-en');
    expect(text('#quick-exit-button')).toBe('Quick exit');
  });

  it('hides the screen at once and leaves locking and hiding the window to the shell', async () => {
    const backend = await openApp();
    await click('#overview-new-call');
    await click('#quick-exit-button');
    expect(backend.quickExit).toHaveBeenCalledTimes(1);
    expect(get('#screen-main').hidden).toBe(true);
    // Not a second lock: the shell's own lock tells the window.
    expect(backend.lock).not.toHaveBeenCalled();

    backend.emitLocked('manual');
    await settle();
    expect($('#screen-main')).toBeNull();
    expect($('#call-form')).toBeNull();
    expect(text('#screen-unlock')).toContain('Darba vieta ir bloķēta.');
  });

  it('still locks when the shell cannot be reached', async () => {
    const backend = await openApp();
    backend.quickExit.mockRejectedValueOnce(publicError('storage', 'Neizdevās.', 'Failed.'));
    await click('#quick-exit-button');
    expect($('#screen-main')).toBeNull();
    expect($('#screen-unlock')).not.toBeNull();
    expect(backend.lock).toHaveBeenCalledTimes(1);
  });
});

describe('the quick exit key in the window', () => {
  it('is Ctrl+Shift+L, apart from Ctrl+L, which only locks', async () => {
    const backend = await openApp();
    await press('L', { ctrlKey: true, shiftKey: true, code: 'KeyL' });
    expect(backend.quickExit).toHaveBeenCalledTimes(1);
    expect(backend.lock).not.toHaveBeenCalled();

    unmount();
    const other = await openApp();
    await press('l', { ctrlKey: true, code: 'KeyL' });
    expect(other.lock).toHaveBeenCalledTimes(1);
    expect(other.quickExit).not.toHaveBeenCalled();
  });

  it('is in the shortcut box and the tour, with what it does', async () => {
    await openApp();
    expect(text('.shortcuts')).toContain('Ctrl+Shift+L — ātrā iziešana');
    await click('#shortcuts-tour');
    expect(text('#shortcut-tour')).toContain('Ctrl+Shift+L — ātrā iziešana, arī no citas programmas');
  });
});
