// Test support: the app unlocked as a supervisor and moved from the overview
// to the calls section, as the calls tests start.
import { vi } from 'vitest';
import { App } from '../app/App';
import type { AppStatus } from '../ipc/backend';
import { fakeBackend, sessionFor, supervisor, type FakeBackend } from './fakeBackend';
import { click, mount } from './dom';

export const UNLOCKED_SUPERVISOR: AppStatus = { state: 'locked', language: 'lv', session: sessionFor(supervisor) };

/** Mounts the app on a fake backend that `prepare` seeds first, and opens the calls section. */
export async function openCalls(prepare?: (backend: FakeBackend) => void, status: AppStatus = UNLOCKED_SUPERVISOR): Promise<FakeBackend> {
  const backend = fakeBackend(status);
  prepare?.(backend);
  await mount(<App backend={backend} />);
  await click('#nav-calls');
  return backend;
}

/** The app with a new call's form open. */
export async function startCall(): Promise<FakeBackend> {
  const backend = await openCalls();
  await click('#call-new');
  return backend;
}

/** A new call's form with fake timers that advance, so the autosave's delays can be stepped through. */
export async function startDraft(): Promise<FakeBackend> {
  const backend = await startCall();
  vi.useFakeTimers({ shouldAdvanceTime: true });
  return backend;
}
