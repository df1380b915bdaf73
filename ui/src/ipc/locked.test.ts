import { describe, expect, it, vi } from 'vitest';
import { fakeBackend, publicError, sessionFor, supervisor } from '../testing/fakeBackend';
import { reportingLocked } from './locked';

const locked = publicError('locked', 'Lietotne ir bloķēta.', 'The app is locked.');

describe('reportingLocked', () => {
  it('reports a locked refusal once and still rejects with it', async () => {
    const fake = fakeBackend({ state: 'locked', language: 'lv', session: sessionFor(supervisor) });
    const onLocked = vi.fn();
    const backend = reportingLocked(fake, onLocked);
    fake.findCalls.mockRejectedValueOnce(locked);
    await expect(backend.findCalls({ from: null, to: null, regions: [], lines: [], subjects: [], followUpDueBy: null, text: null, caseRef: null, before: null })).rejects.toBe(locked);
    expect(onLocked).toHaveBeenCalledTimes(1);
  });

  it('passes answers and other refusals through untouched', async () => {
    const fake = fakeBackend({ state: 'locked', language: 'lv', session: sessionFor(supervisor) });
    const onLocked = vi.fn();
    const backend = reportingLocked(fake, onLocked);
    await expect(backend.nextCaseRef()).resolves.toBe(await fake.nextCaseRef());
    const storage = publicError('storage', 'Neizdevās.', 'Failed.');
    fake.backUp.mockRejectedValueOnce(storage);
    await expect(backend.backUp()).rejects.toBe(storage);
    expect(fake.backUp).toHaveBeenCalledTimes(1);
    expect(onLocked).not.toHaveBeenCalled();
  });
});
