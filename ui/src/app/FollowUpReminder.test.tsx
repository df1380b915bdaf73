import { afterEach, describe, expect, it } from 'vitest';
import { App } from './App';
import { rigaDay } from '../i18n/dates';
import type { AppStatus, FollowUpItem } from '../ipc/backend';
import { colleague, consultant, fakeBackend, sessionFor, storedCall, supervisor } from '../testing/fakeBackend';
import { $, click, mount, text, unmount } from '../testing/dom';

afterEach(unmount);

const signedIn: AppStatus = { state: 'locked', language: 'lv', session: sessionFor(supervisor) };

/** A follow-up of `assignee` due on `due`; overdue as core would say it. */
function followUp(id: string, assignee: typeof supervisor, due: string, overdue: boolean): FollowUpItem {
  return {
    call: storedCall(id, 'final', { followUp: { due, assignee: assignee.id, doneAt: null } }),
    overdue,
    assignee: colleague(assignee),
  };
}

async function unlockWith(items: FollowUpItem[]) {
  const backend = fakeBackend(signedIn);
  backend.followUps.mockResolvedValue(items);
  await mount(<App backend={backend} />);
  return backend;
}

describe('the follow-up reminder after unlocking', () => {
  const today = rigaDay(new Date());

  it('counts my overdue follow-ups and those due today, not a colleague’s, and leads to the list', async () => {
    await unlockWith([
      followUp('c1', supervisor, '2026-11-21', true),
      followUp('c2', supervisor, today, false),
      followUp('c3', consultant, '2026-11-20', true),
      followUp('c4', supervisor, '2099-01-01', false),
    ]);
    expect(text('#follow-up-reminder p')).toBe('Jūsu nokavētās turpmākās darbības: 1. Šodien jāizdara: 1.');
    await click('#nav-referrals');
    await click('#follow-up-reminder-show');
    expect($('#follow-up-reminder')).toBeNull();
    expect(document.activeElement?.id).toBe('follow-ups-title');
  });

  it('says nothing when none of mine are due, and goes once dismissed', async () => {
    await unlockWith([followUp('c3', consultant, '2026-11-20', true)]);
    expect($('#follow-up-reminder')).toBeNull();
    unmount();

    await unlockWith([followUp('c1', supervisor, '2026-11-21', true)]);
    expect(text('#follow-up-reminder p')).toBe('Jūsu nokavētās turpmākās darbības: 1.');
    await click('#follow-up-reminder-dismiss');
    expect($('#follow-up-reminder')).toBeNull();
    await click('#nav-referrals');
    expect($('#follow-up-reminder')).toBeNull();
  });
});
