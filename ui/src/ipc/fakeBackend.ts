// Test support: an in-memory `Backend` whose methods are Vitest mocks.
// Never imported by the app itself.
import { vi, type Mock } from 'vitest';
import type { Account, AppStatus, Backend, LockedEvent, PublicError, SessionInfo } from './backend';

export type FakeBackend = { [K in keyof Backend]: Mock<Backend[K]> } & {
  /** Fires the backend's `locked` event, as auto-lock does. */
  emitLocked(reason: LockedEvent['reason']): void;
};

export const supervisor: Account = {
  id: 'acc-1',
  login: 'anna',
  displayName: 'Anna Bērziņa',
  role: 'supervisor',
  homeRegion: 'riga',
  createdAt: '2025-11-20T09:00:00Z',
};

export const consultant: Account = {
  id: 'acc-2',
  login: 'juris',
  displayName: 'Juris Ozols',
  role: 'consultant',
  homeRegion: 'latgale',
  createdAt: '2025-11-21T10:00:00Z',
};

export function sessionFor(account: Account): SessionInfo {
  return {
    account,
    organisation: { id: 'org-1', name: 'Patvērums Drošā māja', createdAt: '2025-11-20T09:00:00Z' },
    autoLockMinutes: 10,
  };
}

export function publicError(code: PublicError['code'], lv: string, en: string, extra: Partial<PublicError> = {}): PublicError {
  return { code, message: { lv, en }, ...extra };
}

export function fakeBackend(status: AppStatus): FakeBackend {
  const listeners = new Set<(event: LockedEvent) => void>();
  const done = () => Promise.resolve();
  return {
    appStatus: vi.fn<Backend['appStatus']>(() => Promise.resolve(status)),
    setUp: vi.fn<Backend['setUp']>((setup) =>
      Promise.resolve(
        sessionFor({ ...supervisor, login: setup.login, displayName: setup.displayName, homeRegion: setup.homeRegion }),
      ),
    ),
    unlock: vi.fn<Backend['unlock']>(() => Promise.resolve(sessionFor(supervisor))),
    lock: vi.fn<Backend['lock']>(done),
    setLanguage: vi.fn<Backend['setLanguage']>(done),
    touch: vi.fn<Backend['touch']>(done),
    changePassphrase: vi.fn<Backend['changePassphrase']>(done),
    listAccounts: vi.fn<Backend['listAccounts']>(() => Promise.resolve([supervisor, consultant])),
    addAccount: vi.fn<Backend['addAccount']>((account) =>
      Promise.resolve({ ...account, id: `acc-${account.login}`, createdAt: '2025-11-23T12:00:00Z' }),
    ),
    setAutoLockMinutes: vi.fn<Backend['setAutoLockMinutes']>(done),
    onLocked: vi.fn<Backend['onLocked']>((handler) => {
      listeners.add(handler);
      return Promise.resolve(() => listeners.delete(handler));
    }),
    emitLocked(reason) {
      for (const listener of listeners) listener({ reason });
    },
  };
}
