// The seam between the UI and the desktop shell. Screens depend on `Backend`
// only, so tests hand them a fake; `commands.ts` implements it over Tauri IPC.
import type { Account } from './bindings/Account';
import type { AppStatus } from './bindings/AppStatus';
import type { FirstRunSetup } from './bindings/FirstRunSetup';
import type { Language } from './bindings/Language';
import type { NewAccount } from './bindings/NewAccount';
import type { SessionInfo } from './bindings/SessionInfo';

export type { Account } from './bindings/Account';
export type { AppStatus } from './bindings/AppStatus';
export type { ErrorCode } from './bindings/ErrorCode';
export type { FirstRunSetup } from './bindings/FirstRunSetup';
export type { Language } from './bindings/Language';
export type { Localized } from './bindings/Localized';
export type { NewAccount } from './bindings/NewAccount';
export type { Organisation } from './bindings/Organisation';
export type { PublicError } from './bindings/PublicError';
export type { Region } from './bindings/Region';
export type { Role } from './bindings/Role';
export type { SessionInfo } from './bindings/SessionInfo';

/** Why the backend locked the app on its own (payload of the `locked` event). */
export type LockReason = 'idle' | 'manual';

export interface LockedEvent {
  reason: LockReason;
}

/**
 * Every method rejects with a `PublicError` (never anything else), so callers
 * can branch on `code` and show `message` in the person's language.
 */
export interface Backend {
  appStatus(): Promise<AppStatus>;
  setUp(setup: FirstRunSetup, passphrase: string): Promise<SessionInfo>;
  unlock(login: string, passphrase: string): Promise<SessionInfo>;
  lock(): Promise<void>;
  setLanguage(language: Language): Promise<void>;
  /** Activity ping that postpones auto-lock. */
  touch(): Promise<void>;
  changePassphrase(current: string, next: string): Promise<void>;
  listAccounts(): Promise<Account[]>;
  addAccount(account: NewAccount, passphrase: string): Promise<Account>;
  setAutoLockMinutes(minutes: number): Promise<void>;
  /** Subscribes to the backend's `locked` event; resolves to an unsubscribe function. */
  onLocked(handler: (event: LockedEvent) => void): Promise<() => void>;
}
