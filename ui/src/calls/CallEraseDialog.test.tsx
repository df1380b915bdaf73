import { afterEach, describe, expect, it, vi } from 'vitest';
import { consultant, sessionFor, storedCall, type FakeBackend } from '../testing/fakeBackend';
import { coreRefusal } from '../testing/fixtures';
import { $, click, get, press, text, type, unmount } from '../testing/dom';
import { openCalls, UNLOCKED_SUPERVISOR } from '../testing/callsApp';
import { callReference } from './CallEraseDialog';

afterEach(() => {
  unmount();
  vi.useRealTimers();
});

const CALL_ID = '3f2a9c1b-7d4e-4a51-9b0c-2e6f8a1d5c07';

function seed(fake: FakeBackend) {
  fake.calls.set(CALL_ID, storedCall(CALL_ID, 'final', { startedAt: '2026-11-20T09:05:00Z', notes: 'Pase atņemta', caseRef: 'K-0777' }));
}

async function openErasure(): Promise<FakeBackend> {
  const backend = await openCalls(seed);
  await click(`.call-row[data-id="${CALL_ID}"]`);
  await click('#call-erase');
  return backend;
}

describe('erasing a call on request', () => {
  it('names the call by the start of its id', () => {
    expect(callReference(CALL_ID)).toBe('3F2A9C1B');
  });

  it('explains what erasing does and asks for the reference, with focus in the box', async () => {
    const backend = await openErasure();
    expect(get('#call-erase-dialog').getAttribute('role')).toBe('dialog');
    expect(text('#call-erase-intro')).toContain('To nevar atsaukt.');
    expect(text('#call-erase-reference-hint')).toBe('Zvana atsauce: 3F2A9C1B');
    expect(document.activeElement?.id).toBe('call-erase-reference');
    expect(backend.eraseCall).not.toHaveBeenCalled();
  });

  it('erases nothing until the reference is typed: empty, or another, is refused beside the box', async () => {
    const backend = await openErasure();
    await click('#call-erase-confirm');
    expect(text('#call-erase-reference-error')).toBe('Ierakstītais neatbilst zvana atsaucei 3F2A9C1B.');
    await type('#call-erase-reference', '3F2A9C1C');
    await press('Enter');
    expect(text('#call-erase-reference-error')).toBe('Ierakstītais neatbilst zvana atsaucei 3F2A9C1B.');
    expect(document.activeElement?.id).toBe('call-erase-reference');
    expect(backend.eraseCall).not.toHaveBeenCalled();
    expect(backend.calls.has(CALL_ID)).toBe(true);
  });

  it('erases with the reference typed (any case), returns to the list without the call and audits it', async () => {
    const backend = await openErasure();
    await type('#call-erase-reference', '3f2a9c1b');
    await press('Enter');
    expect(backend.eraseCall).toHaveBeenCalledWith(CALL_ID);
    expect($('#call-erase-dialog')).toBeNull();
    expect($('#call-view')).toBeNull();
    expect(text('#calls-erased')).toBe('Zvans dzēsts. Citi datori to izdzēsīs nākamajā sinhronizācijā.');
    expect($(`.call-row[data-id="${CALL_ID}"]`)).toBeNull();
    expect(backend.audit.map((entry) => [entry.action, entry.targetId])).toEqual([['callErased', CALL_ID]]);
  });

  it('shows the backend refusal in the dialog and keeps the call', async () => {
    const backend = await openErasure();
    backend.eraseCall.mockRejectedValueOnce(coreRefusal('supervisorOnly'));
    await type('#call-erase-reference', '3F2A9C1B');
    await click('#call-erase-confirm');
    expect(text('#call-erase-error')).toBe('To drīkst darīt tikai supervizors. Lūdziet supervizoram palīdzību.');
    expect(get('#call-erase-dialog')).toBeTruthy();
  });

  it('closes with Escape, erasing nothing, and focus returns to the button', async () => {
    const backend = await openErasure();
    await press('Escape');
    expect($('#call-erase-dialog')).toBeNull();
    expect($('#call-view')).not.toBeNull();
    expect(document.activeElement?.id).toBe('call-erase');
    expect(backend.eraseCall).not.toHaveBeenCalled();
  });

  it('is never offered to a consultant', async () => {
    await openCalls(seed, { ...UNLOCKED_SUPERVISOR, session: sessionFor(consultant) });
    await click(`.call-row[data-id="${CALL_ID}"]`);
    expect($('#call-view')).not.toBeNull();
    expect($('#call-erase')).toBeNull();
  });
});
