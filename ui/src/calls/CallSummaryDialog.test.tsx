import { afterEach, describe, expect, it, vi } from 'vitest';
import { storedCall } from '../testing/fakeBackend';
import { $, click, get, press, text, type, unmount } from '../testing/dom';
import { openCalls } from '../testing/callsApp';

afterEach(() => {
  unmount();
  vi.useRealTimers();
});

const partTicks = () =>
  Object.fromEntries([...document.querySelectorAll<HTMLInputElement>('.call-summary-part')].map((tick) => [tick.id.replace('call-summary-part-', ''), tick.checked]));

async function openSummary() {
  const backend = await openCalls((fake) => {
    fake.calls.set('c1', storedCall('c1', 'final', { startedAt: '2026-11-20T09:05:00Z', notes: 'Pase atņemta', caseRef: 'K-0777' }));
  });
  await click('.call-row[data-id="c1"]');
  await click('#call-print-summary');
  return backend;
}

describe('printing a call summary', () => {
  it('ticks every part but the free text at first and sends only the ticked parts', async () => {
    const backend = await openSummary();
    expect(get('#call-summary-dialog').getAttribute('role')).toBe('dialog');
    expect(partTicks()).toEqual({
      call: true,
      caller: true,
      situation: true,
      caseRef: true,
      followUp: true,
      outcome: true,
      referrals: false,
      advice: false,
      notes: false,
    });
    expect(text('#call-summary-dialog')).toContain('Piezīmes — brīvs teksts');
    expect(document.activeElement?.id).toBe('call-summary-part-call');

    await click('#call-summary-save');
    expect(backend.printCallSummary).toHaveBeenLastCalledWith({
      callId: 'c1',
      parts: ['call', 'caller', 'situation', 'caseRef', 'followUp', 'outcome'],
      language: 'lv',
    });
    expect(text('#call-summary-status')).toBe('Kopsavilkums saglabāts: /home/janis/zvana-kopsavilkums.pdf');
  });

  it('includes the notes only when ticked, in the chosen language, and Escape returns to the button', async () => {
    const backend = await openSummary();
    await click('#call-summary-part-notes');
    await click('#call-summary-part-caller');
    await type('#call-summary-language', 'en');
    await click('#call-summary-save');
    expect(backend.printCallSummary).toHaveBeenLastCalledWith({
      callId: 'c1',
      parts: ['call', 'situation', 'caseRef', 'followUp', 'outcome', 'notes'],
      language: 'en',
    });

    await press('Escape');
    expect($('#call-summary-dialog')).toBeNull();
    expect($('#call-view')).not.toBeNull();
    expect(document.activeElement?.id).toBe('call-print-summary');
  });

  it('cannot save with nothing ticked', async () => {
    await openSummary();
    for (const part of ['call', 'caller', 'situation', 'caseRef', 'followUp', 'outcome']) await click(`#call-summary-part-${part}`);
    expect(get<HTMLButtonElement>('#call-summary-save').disabled).toBe(true);
  });
});
