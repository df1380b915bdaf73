import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../app/App';
import type { AppStatus, Report } from '../ipc/backend';
import {
  consultant,
  fakeBackend,
  publicError,
  recordedReport,
  sessionFor,
  supervisor,
  useFixtureState,
  type FakeBackend,
} from '../testing/fakeBackend';
import { coreRefusal } from '../testing/fixtures';
import { $, click, get, mount, press, text, type, unmount } from '../testing/dom';
import type { BarChartData } from './BarChart';

// Chart.js needs a real canvas, which jsdom does not have: the tests look at
// what the screen hands the chart instead (the e2e test draws the real one).
const charts = vi.hoisted(() => new Map<string, BarChartData>());
vi.mock('./BarChart', () => ({
  BarChart: (props: { id: string; label: string; data: BarChartData }) => {
    charts.set(props.id, props.data);
    return <canvas id={props.id} role="img" aria-label={props.label} />;
  },
}));

const asSupervisor: AppStatus = { state: 'locked', language: 'lv', session: sessionFor(supervisor) };

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-23T10:00:00Z'));
  charts.clear();
});

afterEach(() => {
  unmount();
  vi.useRealTimers();
});

/** Seeds the finished calls of a recorded state (none without one) and opens Reports with Alt+4. */
async function openReports(calls: string | null = null, status: AppStatus = asSupervisor): Promise<FakeBackend> {
  const backend = fakeBackend(status);
  if (calls) useFixtureState(backend, calls);
  // The overview, where the app opens, counts today and this week first
  // (nobody recorded those days): these tests look only at what Reports asks.
  const month = recordedReport(NOVEMBER, { from: '2026-11-01', to: '2026-11-30', regions: [], publication: null });
  if (status.session?.account.role === 'supervisor') backend.runReport.mockResolvedValueOnce(month).mockResolvedValueOnce(month);
  await mount(<App backend={backend} />);
  await press('4', { altKey: true, code: 'Digit4' });
  backend.runReport.mockClear();
  return backend;
}

/**
 * Three calls in November 2026 (recorded from core with the reports run over
 * them): two about sham marriage to the UK (one case), one about forced
 * labour in Latgale.
 */
const NOVEMBER = 'november';

const cells = (selector: string) =>
  [...document.querySelectorAll(`${selector} td`)].map((cell) => cell.textContent?.trim());

const fieldError = (selector: string) => get(selector).closest('.field')?.querySelector('.field-error')?.textContent;

describe('the Reports section', () => {
  it('opens with Alt+4 for a supervisor, set to this month and every region', async () => {
    const backend = await openReports();
    expect(text('#section-title')).toBe('Atskaites');
    expect(get('#nav-reports').getAttribute('aria-current')).toBe('page');
    expect(get<HTMLInputElement>('#reports-from').value).toBe('01.11.2026');
    expect(get<HTMLInputElement>('#reports-to').value).toBe('30.11.2026');
    expect([...document.querySelectorAll<HTMLInputElement>('#reports-regions input')].every((box) => box.checked)).toBe(true);
    expect(get<HTMLInputElement>('#reports-publish').checked).toBe(false);
    expect(get<HTMLInputElement>('#reports-min-cell').disabled).toBe(true);
    expect(backend.runReport).not.toHaveBeenCalled();
  });

  it('is not offered to a consultant, and Alt+4 leaves them where they are', async () => {
    const backend = await openReports(null, { ...asSupervisor, session: sessionFor(consultant) });
    expect($('#nav-reports')).toBeNull();
    expect(get('#nav-sync').getAttribute('aria-keyshortcuts')).toBe('Alt+5');
    expect(text('#section-title')).toBe('Pārskats');
    expect($('#reports-form')).toBeNull();
    expect(backend.runReport).not.toHaveBeenCalled();
  });

  it('fills the period from the quick choices, in Rīga time', async () => {
    // 00:30 on 1 January 2027 in Rīga, still 2026 in UTC.
    vi.setSystemTime(new Date('2026-12-31T22:30:00Z'));
    await openReports();
    await click('#reports-quick-lastMonth');
    expect(get<HTMLInputElement>('#reports-from').value).toBe('01.12.2026');
    expect(get<HTMLInputElement>('#reports-to').value).toBe('31.12.2026');
    await click('#reports-quick-thisYear');
    expect(get<HTMLInputElement>('#reports-from').value).toBe('01.01.2027');
    expect(get<HTMLInputElement>('#reports-to').value).toBe('31.12.2027');
    await click('#reports-quick-lastYear');
    expect(get<HTMLInputElement>('#reports-from').value).toBe('01.01.2026');
    await click('#reports-quick-thisMonth');
    expect(get<HTMLInputElement>('#reports-to').value).toBe('31.01.2027');
  });
});

describe('running a report', () => {
  it('runs on Enter and shows every breakdown with calls and distinct cases, its note and total', async () => {
    const backend = await openReports(NOVEMBER);
    get('#reports-to').focus();
    await press('Enter');

    expect(backend.runReport).toHaveBeenCalledWith({ from: '2026-11-01', to: '2026-11-30', regions: [], publication: null });
    expect(text('#report-result-title')).toBe('Atskaite: 01.11.2026–30.11.2026');
    expect(text('#report-result')).toContain('Reģioni: visi reģioni');
    expect(text('#reports-totals')).toBe('Zvani: 3 · Lietas: 1');
    expect($('#reports-publication-banner')).toBeNull();
    expect(cells('#breakdown-subject tr[data-key="shamMarriage"]')).toEqual(['2', '1']);
    expect(cells('#breakdown-subject tr[data-key="forcedLabour"]')).toEqual(['1', '0']);
    expect(cells('#breakdown-region tfoot')).toEqual(['3', '1']);
    expect(text('#breakdown-month-note')).toBe(
      'Katrs zvans ir vienā rindā. Lietas: dažādu lietu numuru skaits; viena lieta var būt vairākās rindās, zvani bez lietas numura netiek skaitīti.',
    );
    expect(text('#breakdown-subject thead')).toContain('Temats');
    // Countries by name, with the code the backend sent.
    expect(text('#breakdown-country tr[data-key="GB"] th')).toBe('Apvienotā Karaliste (GB)');
    expect([...charts.keys()]).toEqual(['chart-month-canvas', 'chart-subject-canvas', 'chart-country-canvas']);
    expect(charts.get('chart-month-canvas')?.series[0]).toEqual({ label: 'Zvani', values: [3], texts: ['3'] });
    expect($('.report-chart-note')).toBeNull();
  });

  it('runs the chosen regions with the button, and writes the days back in full', async () => {
    const backend = await openReports(NOVEMBER);
    await type('#reports-from', '1.11.26');
    for (const region of ['riga', 'kurzeme', 'vidzeme', 'zemgale']) await click(`#reports-region-${region}`);
    await click('#reports-run');
    expect(backend.runReport).toHaveBeenCalledWith({ from: '2026-11-01', to: '2026-11-30', regions: ['latgale'], publication: null });
    expect(get<HTMLInputElement>('#reports-from').value).toBe('01.11.2026');
    expect(text('#report-result')).toContain('Reģioni: Latgale');
    expect(text('#reports-totals')).toBe('Zvani: 1 · Lietas: 0');
  });

  it('shows what is wrong beside the field, with focus there, and asks nothing of the backend', async () => {
    const backend = await openReports(NOVEMBER);
    await type('#reports-from', '31.02.2026');
    await click('#reports-run');
    expect(fieldError('#reports-from')).toContain('dd.mm.gggg');
    expect(document.activeElement?.id).toBe('reports-from');

    await type('#reports-from', '01.11.2026');
    for (const region of ['riga', 'latgale', 'kurzeme', 'vidzeme', 'zemgale']) await click(`#reports-region-${region}`);
    await click('#reports-run');
    expect(text('#reports-regions-error')).toBe('Izvēlieties vismaz vienu reģionu.');
    expect(get('#reports-regions').getAttribute('aria-describedby')).toBe('reports-regions-error');
    expect(backend.runReport).not.toHaveBeenCalled();
  });

  it('says when the period has no finished calls, with no tables or exports', async () => {
    await openReports(NOVEMBER);
    await click('#reports-quick-lastYear');
    await click('#reports-run');
    expect(text('#reports-empty')).toBe('Šajā periodā nav pabeigtu zvanu — izvēlieties citu periodu vai reģionus. Zvani šeit parādās, kad konsultanti tos pabeidz (un sinhronizē).');
    expect($('#breakdown-month')).toBeNull();
    expect($('#reports-export')).toBeNull();
    expect(charts.size).toBe(0);
  });

  it('shows a backend error through the error display', async () => {
    const backend = await openReports(NOVEMBER);
    backend.runReport.mockRejectedValueOnce(publicError('supervisorOnly', 'To var darīt tikai supervizors.', 'Only a supervisor can do this.'));
    await click('#reports-run');
    expect(text('#reports-error')).toBe('To var darīt tikai supervizors.');
    expect($('#report-result')).toBeNull();
  });
});

describe('publication mode', () => {
  it('sends k, marks the report with a banner and shows small counts as "<k"', async () => {
    const backend = await openReports(NOVEMBER);
    await click('#reports-publish');
    expect(get<HTMLInputElement>('#reports-min-cell').disabled).toBe(false);
    expect(get<HTMLInputElement>('#reports-min-cell').value).toBe('11');
    await click('#reports-run');

    expect(backend.runReport).toHaveBeenCalledWith(expect.objectContaining({ publication: { minCell: 11 } }));
    expect(text('#reports-publication-banner')).toContain('Publicēšanas režīms: skaitļi, kas mazāki par 11, ir slēpti');
    expect(text('#reports-totals')).toBe('Zvani: <11 · Lietas: <11');
    expect(cells('#breakdown-subject tr[data-key="shamMarriage"]')).toEqual(['<11', '<11']);
    expect(get('#breakdown-subject tr[data-key="shamMarriage"] td').classList.contains('cell-hidden')).toBe(true);
  });

  it('charts hidden counts as 0 and says they are not drawn; withheld cells read "x"', async () => {
    const backend = await openReports(NOVEMBER);
    const report: Report = recordedReport(NOVEMBER, {
      from: '2026-11-01',
      to: '2026-11-30',
      regions: [],
      publication: { minCell: 3 },
    });
    const subjects = report.breakdowns.find((breakdown) => breakdown.kind === 'subject')!;
    // Core lists every subject, the six without calls too; the chart assertion below has the old fake's two rows.
    subjects.rows = subjects.rows
      .filter((row) => row.key === 'shamMarriage' || row.key === 'forcedLabour')
      .map((row) =>
        row.key === 'forcedLabour' ? { ...row, counts: { calls: { kind: 'withheld' }, cases: { kind: 'exact', count: 0 } } } : row,
      );
    backend.runReport.mockResolvedValueOnce(report);
    await click('#reports-publish');
    await type('#reports-min-cell', '3');
    await click('#reports-run');

    expect(text('#reports-publication-banner')).toContain('mazāki par 3');
    expect(cells('#breakdown-subject tr[data-key="forcedLabour"]')).toEqual(['x', '0']);
    expect(charts.get('chart-subject-canvas')?.series[0]).toEqual({ label: 'Zvani', values: [0, 0], texts: ['<3', 'x'] });
    expect(text('#chart-subject .report-chart-note')).toBe('Slēptie skaitļi (“<3”, “x”) diagrammā nav attēloti: to stabiņi ir 0.');
  });

  it('refuses a k below 3 beside its field', async () => {
    const backend = await openReports(NOVEMBER);
    await click('#reports-publish');
    await type('#reports-min-cell', '2');
    get('#reports-min-cell').focus();
    await press('Enter');
    expect(fieldError('#reports-min-cell')).toBe('Ievadiet veselu skaitli no 3 līdz 1000.');
    expect(backend.runReport).not.toHaveBeenCalled();
  });
});

describe('exports', () => {
  async function runNovember() {
    const backend = await openReports(NOVEMBER);
    await click('#reports-publish');
    await click('#reports-run');
    // Edits after the run do not change what is exported: the report on screen is.
    await type('#reports-from', '05.11.2026');
    return backend;
  }

  it('saves the report on screen as XLSX and says where', async () => {
    const backend = await runNovember();
    await click('#reports-export-xlsx');
    expect(backend.exportReport).toHaveBeenCalledWith(
      { from: '2026-11-01', to: '2026-11-30', regions: [], publication: { minCell: 11 } },
      'xlsx',
      'lv',
    );
    expect(text('#reports-export-result')).toBe('Atskaite saglabāta: /home/anna/report.xlsx');
    expect(get('#reports-export-result').className).toBe('form-status');

    // Running again shows a report that has not been saved yet.
    await click('#reports-run');
    expect(text('#reports-export-result')).toBe('');
  });

  it('saves a PDF summary and says where', async () => {
    const backend = await runNovember();
    await click('#reports-export-pdf');
    expect(backend.exportReport).toHaveBeenCalledWith(expect.anything(), 'pdf', 'lv');
    expect(text('#reports-export-result')).toBe('Atskaite saglabāta: /home/anna/report.pdf');
  });

  it('saves CSV files in the chosen language and names their folder', async () => {
    const backend = await runNovember();
    await type('#reports-export-language', 'en');
    await click('#reports-export-csv');
    expect(backend.exportReport).toHaveBeenCalledWith(expect.anything(), 'csv', 'en');
    expect(text('#reports-export-result')).toBe('Saglabāti CSV faili (3) mapē /home/anna/atskaite');
  });

  it('says nothing was saved when the dialog is closed, without claiming success', async () => {
    const backend = await runNovember();
    backend.exportReport.mockResolvedValueOnce(null);
    await click('#reports-export-xlsx');
    expect(text('#reports-export-result')).toBe('Nekas netika saglabāts: saglabāšanas logs tika aizvērts.');
    expect(get('#reports-export-result').className).toBe('reports-export-note');
    expect($('#reports-export-error')).toBeNull();
  });

  it('shows a failed export through the error display', async () => {
    const backend = await runNovember();
    backend.exportReport.mockRejectedValueOnce(publicError('storage', 'Failu neizdevās ierakstīt.', 'The file could not be written.'));
    await click('#reports-export-csv');
    expect(text('#reports-export-error')).toBe('Failu neizdevās ierakstīt.');
    expect(text('#reports-export-result')).toBe('');
  });
});

describe('the CTDC file', () => {
  it('says a published file is k-anonymous, saves it with the report on screen and shows rows written and left out', async () => {
    const backend = await openReports(NOVEMBER);
    await click('#reports-publish');
    await type('#reports-min-cell', '3');
    await click('#reports-run');
    expect(text('#reports-ctdc-mode')).toBe(
      'Publicēšanas režīms, k = 3: fails būs k-anonīms; lietas, kuras nevar apvienot ar vismaz 3 līdzīgām, tiks izlaistas.',
    );
    backend.exportCtdc.mockResolvedValueOnce({
      path: '/home/anna/ctdc.csv',
      rows: 12,
      suppressed: { kind: 'small', below: 3 },
      publication: { minCell: 3 },
    });
    await click('#reports-ctdc-save');
    expect(backend.exportCtdc).toHaveBeenCalledWith({ from: '2026-11-01', to: '2026-11-30', regions: [], publication: { minCell: 3 } });
    expect(text('#reports-ctdc-result')).toBe('CTDC fails saglabāts: /home/anna/ctdc.csv. Rindas: 12; izlaistas k-anonimitātes dēļ: <3.');
    expect(get('#reports-ctdc-result').className).toBe('form-status');
  });

  it('says an internal file is not k-anonymous, and how many rows it holds', async () => {
    const backend = await openReports(NOVEMBER);
    await click('#reports-run');
    expect(text('#reports-ctdc-mode')).toContain('Iekšējs fails');
    backend.exportCtdc.mockResolvedValueOnce({
      path: '/home/anna/ctdc.csv',
      rows: 3,
      suppressed: { kind: 'exact', count: 0 },
      publication: null,
    });
    await click('#reports-ctdc-save');
    expect(backend.exportCtdc).toHaveBeenCalledWith(expect.objectContaining({ publication: null }));
    expect(text('#reports-ctdc-result')).toBe('CTDC fails saglabāts: /home/anna/ctdc.csv. Rindas: 3 (iekšējai lietošanai).');
  });

  it('says nothing was saved when the dialog is closed', async () => {
    const backend = await openReports(NOVEMBER);
    await click('#reports-run');
    backend.exportCtdc.mockResolvedValueOnce(null);
    await click('#reports-ctdc-save');
    expect(text('#reports-ctdc-result')).toBe('Nekas netika saglabāts: saglabāšanas logs tika aizvērts.');
    expect($('#reports-ctdc-error')).toBeNull();
  });

  it.each([
    ['a refusal of a consultant', coreRefusal('supervisorOnly'), 'To drīkst darīt tikai supervizors. Lūdziet supervizoram palīdzību.'],
    [
      'k out of range',
      publicError(
        'invalidInput',
        'Publicēšanas režīma k jābūt veselam skaitlim no 3 līdz 1000. Izlabojiet to un palaidiet atskaiti vēlreiz.',
        "Publication mode's k must be a whole number from 3 to 1000. Correct it and run the report again.",
      ),
      'Publicēšanas režīma k jābūt veselam skaitlim no 3 līdz 1000. Izlabojiet to un palaidiet atskaiti vēlreiz.',
    ],
    ['a failed write', publicError('storage', 'Failu neizdevās ierakstīt.', 'The file could not be written.'), 'Failu neizdevās ierakstīt.'],
  ])('shows %s through the error display', async (_case, error, shownText) => {
    const backend = await openReports(NOVEMBER);
    await click('#reports-run');
    backend.exportCtdc.mockRejectedValueOnce(error);
    await click('#reports-ctdc-save');
    expect(text('#reports-ctdc-error')).toBe(shownText);
    expect(text('#reports-ctdc-result')).toBe('');
  });

  it('is not there for a period without finished calls', async () => {
    await openReports();
    await click('#reports-run');
    expect($('#reports-ctdc')).toBeNull();
    expect($('#reports-call-list')).toBeNull();
  });
});

describe('the call list', () => {
  async function runNovember() {
    const backend = await openReports(NOVEMBER);
    await click('#reports-run');
    return backend;
  }

  it('starts with no column ticked, free text apart, and asks for one before saving', async () => {
    const backend = await runNovember();
    const boxes = [...document.querySelectorAll<HTMLInputElement>('#reports-call-list input[type="checkbox"]')];
    expect(boxes).toHaveLength(22);
    expect(boxes.some((box) => box.checked)).toBe(false);
    expect(text('#reports-call-list fieldset:nth-of-type(2) legend')).toBe('Brīvais teksts (personas dati)');
    await click('#call-list-save-xlsx');
    expect(text('#call-list-columns-error')).toBe('Atzīmējiet vismaz vienu kolonnu.');
    expect(document.activeElement?.id).toBe('call-list-column-id');
    expect(backend.exportCallList).not.toHaveBeenCalled();
  });

  it('sends only the ticked columns, in the list order, with the period and format, and says what was saved', async () => {
    const backend = await runNovember();
    await click('#call-list-column-notes');
    await click('#call-list-column-startedAt');
    await click('#call-list-column-subjects');
    await type('#call-list-language', 'en');
    backend.exportCallList.mockResolvedValueOnce({
      path: '/home/anna/calls.csv',
      calls: 3,
      columns: ['startedAt', 'subjects', 'notes'],
    });
    await click('#call-list-save-csv');
    expect(backend.exportCallList).toHaveBeenCalledWith(
      { from: '2026-11-01', to: '2026-11-30', regions: [], publication: null },
      ['startedAt', 'subjects', 'notes'],
      'csv',
      'en',
    );
    expect(text('#call-list-result')).toBe('Zvanu saraksts saglabāts: /home/anna/calls.csv (zvani: 3, kolonnas: 3).');
  });

  it('never sends a free-text column that was not ticked', async () => {
    const backend = await runNovember();
    await click('#call-list-column-caseRef');
    await click('#call-list-column-notes');
    await click('#call-list-column-notes');
    await click('#call-list-save-xlsx');
    expect(backend.exportCallList).toHaveBeenCalledWith(expect.anything(), ['caseRef'], 'xlsx', 'lv');
  });

  it('shows a refusal through the error display', async () => {
    const backend = await runNovember();
    await click('#call-list-column-id');
    backend.exportCallList.mockRejectedValueOnce(coreRefusal('supervisorOnly'));
    await click('#call-list-save-xlsx');
    expect(text('#call-list-error')).toBe('To drīkst darīt tikai supervizors. Lūdziet supervizoram palīdzību.');
  });
});
