// The device's status at launch, set by the shell before the page's script
// runs (src-tauri/src/launch_status.rs): the first screen is drawn from it
// without waiting for the `app_status` round trip.
import type { AppStatus, DeviceState, Language } from '../ipc/backend';

const GLOBAL = '__HOTLINE_LAUNCH_STATUS__';
const STATES: readonly DeviceState[] = ['notSetUp', 'locked'];
const LANGUAGES: readonly Language[] = ['lv', 'en', 'ru'];

/**
 * The launch status, or null when there is none or it is not one this page
 * understands (then the page asks `app_status` and waits, as before).
 */
export function readLaunchStatus(value: unknown = (window as unknown as Record<string, unknown>)[GLOBAL]): AppStatus | null {
  if (typeof value !== 'object' || value === null) return null;
  const { state, language, session } = value as Record<string, unknown>;
  if (!STATES.includes(state as DeviceState) || !LANGUAGES.includes(language as Language) || session !== null) {
    return null;
  }
  return { state: state as DeviceState, language: language as Language, session: null };
}
