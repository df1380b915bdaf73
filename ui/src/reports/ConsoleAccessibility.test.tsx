// The supervisor's console (issue 20, item 1) in each of the app's three
// languages: the report form, its result with the CTDC and call-list panels,
// and a call's erasure dialog have no serious accessibility problem.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../app/App';
import type { AppStatus, Language } from '../ipc/backend';
import { axeProblems } from '../testing/axe';
import { openCalls } from '../testing/callsApp';
import { fakeBackend, recordedReport, sessionFor, storedCall, supervisor, useFixtureState } from '../testing/fakeBackend';
import { click, get, mount, press, unmount } from '../testing/dom';

// Chart.js needs a real canvas, which jsdom does not have.
vi.mock('./BarChart', () => ({
  BarChart: (props: { id: string; label: string }) => <canvas id={props.id} role="img" aria-label={props.label} />,
}));

const LANGUAGES: Language[] = ['lv', 'en', 'ru'];
const CALL_ID = '3f2a9c1b-7d4e-4a51-9b0c-2e6f8a1d5c07';

function asSupervisorIn(language: Language): AppStatus {
  return { state: 'locked', language, session: sessionFor(supervisor) };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-23T10:00:00Z'));
});

afterEach(() => {
  unmount();
  vi.useRealTimers();
});

describe("the supervisor's console", () => {
  it.each(LANGUAGES)('reports, the CTDC file and the call list: no serious problem in %s', async (language) => {
    const backend = fakeBackend(asSupervisorIn(language));
    useFixtureState(backend, 'november');
    const month = recordedReport('november', { from: '2026-11-01', to: '2026-11-30', regions: [], publication: null });
    backend.runReport.mockResolvedValue(month);
    await mount(<App backend={backend} />);
    await press('4', { altKey: true, code: 'Digit4' });
    await click('#reports-run');
    get('#reports-ctdc');
    for (const part of ['#reports-form', '#report-result', '#reports-ctdc', '#reports-call-list']) {
      expect(await axeProblems(get(part)), `${part} in ${language}`).toEqual([]);
    }
  });

  it.each(LANGUAGES)("a call's erasure dialog: no serious problem in %s", async (language) => {
    vi.useRealTimers();
    await openCalls(
      (fake) =>
        fake.calls.set(CALL_ID, storedCall(CALL_ID, 'final', { startedAt: '2026-11-20T09:05:00Z', notes: 'Pase atņemta', caseRef: 'K-0777' })),
      asSupervisorIn(language),
    );
    await click(`.call-row[data-id="${CALL_ID}"]`);
    await click('#call-erase');
    expect(await axeProblems(get('#call-erase-dialog'))).toEqual([]);
  });
});
