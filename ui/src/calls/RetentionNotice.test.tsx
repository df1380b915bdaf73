import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { BackendContext } from '../ipc/context';
import { valueOf } from '../forms/focus';
import { fakeBackend, publicError, sessionFor, supervisor, type FakeBackend } from '../testing/fakeBackend';
import { $, get, mount, settle, text, type, unmount } from '../testing/dom';
import { RetentionNotice, usePastRetention } from './RetentionNotice';

const HISTORICAL = '2010-03-15T10:00:00Z';
const RECENT = '2026-11-23T09:30:00Z';
const NOTICE = 'Šis zvans sākās pirms organizācijas glabāšanas termiņa. Pabeidzot saglabās tikai statistiku: piezīmes, sniegtais padoms un lietas numurs netiks saglabāti.';

afterEach(unmount);

/** The notice with a box for the start, as a start-time field would change it; a blank box asks nothing. */
function Probe({ startedAt }: { startedAt: string }) {
  const [typed, setTyped] = useState(startedAt);
  const past = usePastRetention(typed === '' ? null : typed);
  return (
    <>
      <input id="start" value={typed} onInput={(e) => setTyped(valueOf(e))} />
      <RetentionNotice id="notice" past={past} live />
      <RetentionNotice id="notice-by-finish" past={past} live={false} />
    </>
  );
}

async function open(startedAt: string, prepare?: (backend: FakeBackend) => void) {
  const backend = fakeBackend({ state: 'locked', language: 'lv', session: sessionFor(supervisor) });
  backend.isPastRetention.mockImplementation((start) => Promise.resolve(start < '2021-01-01'));
  prepare?.(backend);
  await mount(
    <BackendContext.Provider value={backend}>
      <Probe startedAt={startedAt} />
    </BackendContext.Provider>,
  );
  return backend;
}

async function changeStart(startedAt: string) {
  await type('#start', startedAt);
  await settle();
}

describe('the retention notice', () => {
  it('appears for a start before the period and goes when the start is changed back to a recent one', async () => {
    const backend = await open(HISTORICAL);
    expect(backend.isPastRetention).toHaveBeenCalledWith(HISTORICAL);
    expect(get('#notice').getAttribute('role')).toBe('status');
    expect(text('#notice')).toBe(NOTICE);
    expect(text('#notice-by-finish')).toBe(NOTICE);
    expect(get('#notice-by-finish').hasAttribute('role')).toBe(false);

    await changeStart(RECENT);
    expect(backend.isPastRetention).toHaveBeenLastCalledWith(RECENT);
    expect(text('#notice')).toBe('');
    expect(get('#notice').getAttribute('role')).toBe('status');
    expect($('#notice-by-finish')).toBeNull();
  });

  it('stays away for a recent start', async () => {
    const backend = await open(RECENT);
    expect(backend.isPastRetention).toHaveBeenCalledTimes(1);
    expect(text('#notice')).toBe('');
    expect($('#notice-by-finish')).toBeNull();
  });

  it('drops an answer about a start that has since changed', async () => {
    let answerLate: (past: boolean) => void = () => undefined;
    await open(HISTORICAL, (backend) => {
      backend.isPastRetention.mockImplementationOnce(() => new Promise<boolean>((resolve) => (answerLate = resolve)));
    });
    await changeStart(RECENT);
    answerLate(true);
    await settle();
    expect(text('#notice')).toBe('');
  });

  it('shows nothing when the backend cannot say', async () => {
    await open(HISTORICAL, (backend) => {
      backend.isPastRetention.mockRejectedValue(publicError('storage', 'Neizdevās.', 'Failed.'));
    });
    expect(text('#notice')).toBe('');
    expect($('#notice-by-finish')).toBeNull();
  });

  it('asks nothing without a start', async () => {
    const backend = await open('');
    expect(backend.isPastRetention).not.toHaveBeenCalled();
    expect(text('#notice')).toBe('');
  });
});
