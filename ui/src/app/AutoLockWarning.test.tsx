// With a call being logged, the end of the idle time is a visible countdown
// that any key or mouse movement cancels; when it runs out the draft is saved
// first, then the app locks, and the draft is there after signing in again.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import type { AppStatus } from '../ipc/backend';
import { fakeBackend, sessionFor, supervisor, type FakeBackend } from '../testing/fakeBackend';
import { $, advance, click, get, mount, press, settle, text, type, unmount } from '../testing/dom';
import { App } from './App';
import { WARNING_SECONDS } from './AutoLockWarning';

afterEach(() => {
  unmount();
  vi.useRealTimers();
});

const signedIn: AppStatus = { state: 'locked', language: 'lv', session: sessionFor(supervisor) };
/** The session's 10 minutes, less the countdown and the 5 s the shell may take to notice. */
const UNTIL_WARNING_MS = 10 * 60_000 - WARNING_SECONDS * 1000 - 5_000;
const NOTES = 'Zvanītāja stāsta par darba devēju Īrijā';

async function openApp(): Promise<FakeBackend> {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  const backend = fakeBackend(signedIn);
  await mount(<App backend={backend} />);
  return backend;
}

/** Starts a call from the overview, where the app opens. */
async function startCall() {
  await click('#overview-new-call');
  expect($('#call-form')).not.toBeNull();
}

async function moveMouse() {
  await act(() => {
    document.body.dispatchEvent(new Event('pointermove', { bubbles: true }));
  });
  await settle();
}

describe('the auto-lock warning', () => {
  it('counts down with a call open, then saves the draft before locking, and the draft is there after unlocking', async () => {
    const backend = await openApp();
    await startCall();
    await advance(UNTIL_WARNING_MS - 1000);
    expect($('#auto-lock-warning')).toBeNull();

    await advance(1000);
    expect(get('#auto-lock-warning').getAttribute('role')).toBe('alertdialog');
    expect(document.activeElement?.id).toBe('auto-lock-warning');
    expect(text('#auto-lock-warning')).toContain('Ekrāns tiks bloķēts pēc 30 s — nospiediet jebkuru taustiņu, lai turpinātu');
    expect(text('#auto-lock-warning')).toContain('Zvana melnraksts tiks saglabāts');
    await advance(10_000);
    expect(text('#auto-lock-warning')).toContain('pēc 20 s');

    // Typed in the countdown's last second: the autosave's pause runs out only after it.
    await advance(17_000);
    while (!text('#auto-lock-warning').includes('pēc 1 s')) await advance(1000);
    await type('#call-notes', NOTES);
    const saves = backend.saveCallDraft.mock.calls.length;
    expect(backend.lock).not.toHaveBeenCalled();
    await advance(1000);

    expect($('#screen-main')).toBeNull();
    expect(text('#screen-unlock')).toContain('Darba vieta tika bloķēta, jo kādu laiku netika izmantota.');
    expect(backend.saveCallDraft.mock.calls.length).toBe(saves + 1);
    expect(backend.saveCallDraft.mock.lastCall?.[1].notes).toBe(NOTES);
    expect(backend.lock).toHaveBeenCalledTimes(1);
    expect(backend.saveCallDraft.mock.invocationCallOrder.at(-1)!).toBeLessThan(backend.lock.mock.invocationCallOrder[0]!);

    await type('#unlock-passphrase', 'garš un drošs teikums');
    await click('#unlock-submit');
    await click('#overview-drafts li button');
    expect(get<HTMLTextAreaElement>('#call-notes').value).toBe(NOTES);
  }, 20_000);

  it('is cancelled by any key, which does nothing else, and the idle time starts again', async () => {
    const backend = await openApp();
    await startCall();
    get('#call-notes').focus();
    await advance(UNTIL_WARNING_MS + 5_000);
    expect(text('#auto-lock-warning')).toContain('pēc 25 s');

    const touches = backend.touch.mock.calls.length;
    const finishes = backend.finishCall.mock.calls.length;
    await press('F8', { code: 'F8' });
    expect($('#auto-lock-warning')).toBeNull();
    expect(backend.touch.mock.calls.length).toBe(touches + 1);
    expect(document.activeElement?.id).toBe('call-notes');
    // F8 finishes a call; the key that answered the warning did not.
    expect(backend.finishCall.mock.calls.length).toBe(finishes);

    await advance(60_000);
    expect($('#auto-lock-warning')).toBeNull();
    expect($('#call-form')).not.toBeNull();
    expect(backend.lock).not.toHaveBeenCalled();
    // A whole idle time after the key it warns again.
    await advance(UNTIL_WARNING_MS - 60_000);
    expect($('#auto-lock-warning')).not.toBeNull();
  });

  it('is cancelled by moving the mouse', async () => {
    const backend = await openApp();
    await startCall();
    await advance(UNTIL_WARNING_MS);
    expect($('#auto-lock-warning')).not.toBeNull();
    await moveMouse();
    expect($('#auto-lock-warning')).toBeNull();
    await advance(WARNING_SECONDS * 1000 + 1000);
    expect($('#screen-main')).not.toBeNull();
    expect(backend.lock).not.toHaveBeenCalled();
  });

  it('does not come without a call open: the shell locks by itself as before', async () => {
    const backend = await openApp();
    await advance(10 * 60_000);
    expect($('#auto-lock-warning')).toBeNull();
    expect(backend.lock).not.toHaveBeenCalled();
    // A mouse moving by itself does not keep an unattended app open.
    const touches = backend.touch.mock.calls.length;
    await moveMouse();
    expect(backend.touch.mock.calls.length).toBe(touches);
  });

  it('waits a whole idle time from keys the activity ping held back', async () => {
    const backend = await openApp();
    await startCall();
    get('#call-notes').focus();
    await press('a', { code: 'KeyA' });
    const touches = backend.touch.mock.calls.length;
    // Within the ping's interval of the last one: not sent.
    await advance(10_000);
    await press('b', { code: 'KeyB' });
    expect(backend.touch.mock.calls.length).toBe(touches);
    await advance(UNTIL_WARNING_MS - 10_000);
    // Instead of warning, the held-back key reaches the shell, and the idle time starts again.
    expect($('#auto-lock-warning')).toBeNull();
    expect(backend.touch.mock.calls.length).toBe(touches + 1);
    await advance(UNTIL_WARNING_MS);
    expect($('#auto-lock-warning')).not.toBeNull();
  });
});
