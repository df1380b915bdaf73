import { describe, expect, it } from 'vitest';
import { readLaunchStatus } from './launchStatus';

describe('readLaunchStatus', () => {
  it('takes the status the shell sets', () => {
    expect(readLaunchStatus({ state: 'notSetUp', language: 'en', session: null })).toEqual({
      state: 'notSetUp',
      language: 'en',
      session: null,
    });
    expect(readLaunchStatus({ state: 'locked', language: 'lv', session: null })?.state).toBe('locked');
    expect(readLaunchStatus({ state: 'locked', language: 'ru', session: null })?.language).toBe('ru');
  });

  it('ignores a missing or unfamiliar one, so the page asks the backend instead', () => {
    expect(readLaunchStatus(undefined)).toBeNull();
    expect(readLaunchStatus('notSetUp')).toBeNull();
    expect(readLaunchStatus({ state: 'unlocked', language: 'lv', session: null })).toBeNull();
    expect(readLaunchStatus({ state: 'locked', language: 'de', session: null })).toBeNull();
    expect(readLaunchStatus({ state: 'locked', language: 'lv', session: { account: {} } })).toBeNull();
    expect(readLaunchStatus({ state: 'locked', language: 'lv' })).toBeNull();
  });

  it('reads window.__HOTLINE_LAUNCH_STATUS__ by default', () => {
    expect(readLaunchStatus()).toBeNull();
    Object.defineProperty(window, '__HOTLINE_LAUNCH_STATUS__', {
      value: Object.freeze({ state: 'locked', language: 'en', session: null }),
      configurable: true,
    });
    expect(readLaunchStatus()).toEqual({ state: 'locked', language: 'en', session: null });
    Reflect.deleteProperty(window, '__HOTLINE_LAUNCH_STATUS__');
  });
});
