import { describe, expect, it } from 'vitest';
import type { Breakdown, Cell } from '../ipc/backend';
import { cellText, chartData, hasHiddenCells, isEmptyReport, wrapLabel } from './cells';
import { folderOf } from './ExportPanel';
import { quickPeriod, weekSoFar } from './period';
import { buildRequest, defaultForm, type ReportForm } from './request';

describe('the week so far, as seen from Rīga', () => {
  it('runs from Monday to today', () => {
    // Wednesday 25 November 2026.
    expect(weekSoFar(new Date('2026-11-25T10:00:00Z'))).toEqual({ from: '2026-11-23', to: '2026-11-25' });
    // A Monday is a week of one day; a Sunday ends a week of seven.
    expect(weekSoFar(new Date('2026-11-23T10:00:00Z'))).toEqual({ from: '2026-11-23', to: '2026-11-23' });
    expect(weekSoFar(new Date('2026-11-29T10:00:00Z'))).toEqual({ from: '2026-11-23', to: '2026-11-29' });
  });

  it('starts a new week at midnight in Rīga, across months and years', () => {
    // 22:30 UTC on Sunday 29 November is 00:30 on Monday 30 November in Rīga.
    expect(weekSoFar(new Date('2026-11-29T22:30:00Z'))).toEqual({ from: '2026-11-30', to: '2026-11-30' });
    // Friday 1 January 2027: the week began on Monday 28 December 2026.
    expect(weekSoFar(new Date('2027-01-01T10:00:00Z'))).toEqual({ from: '2026-12-28', to: '2027-01-01' });
  });
});

describe('quick periods, as seen from Rīga', () => {
  const midNovember = new Date('2026-11-23T10:00:00Z');

  it('cover whole months and years', () => {
    expect(quickPeriod('thisMonth', midNovember)).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(quickPeriod('lastMonth', midNovember)).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(quickPeriod('thisYear', midNovember)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(quickPeriod('lastYear', midNovember)).toEqual({ from: '2025-01-01', to: '2025-12-31' });
  });

  it('turn the year at midnight in Rīga, not in UTC', () => {
    // 22:30 UTC on 31 December is 00:30 on 1 January in Rīga (UTC+2).
    const newYear = new Date('2026-12-31T22:30:00Z');
    expect(quickPeriod('thisMonth', newYear)).toEqual({ from: '2027-01-01', to: '2027-01-31' });
    expect(quickPeriod('lastMonth', newYear)).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(quickPeriod('thisYear', newYear)).toEqual({ from: '2027-01-01', to: '2027-12-31' });
    expect(quickPeriod('lastYear', newYear)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('follow summer time and leap years', () => {
    // 21:30 UTC on 30 June is 00:30 on 1 July in Rīga (UTC+3).
    expect(quickPeriod('thisMonth', new Date('2026-06-30T21:30:00Z'))).toEqual({ from: '2026-07-01', to: '2026-07-31' });
    expect(quickPeriod('lastMonth', new Date('2028-03-10T12:00:00Z'))).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });
});

describe('building the request', () => {
  const form = (patch: Partial<ReportForm> = {}): ReportForm => ({
    ...defaultForm(new Date('2026-11-23T10:00:00Z')),
    ...patch,
  });

  it('starts with this month, every region and an internal report', () => {
    expect(form()).toMatchObject({ from: '01.11.2026', to: '30.11.2026', publish: false, minCell: '11' });
    expect(buildRequest(form())).toEqual({
      request: { from: '2026-11-01', to: '2026-11-30', regions: [], publication: null },
    });
  });

  it('sends the chosen regions in the hotline’s order, and reads days as people type them', () => {
    expect(buildRequest(form({ from: '1.2.26', to: '28.02.2026', regions: ['zemgale', 'riga'] }))).toEqual({
      request: { from: '2026-02-01', to: '2026-02-28', regions: ['riga', 'zemgale'], publication: null },
    });
  });

  it('asks for k only in publication mode', () => {
    expect(buildRequest(form({ publish: true, minCell: ' 5 ' }))).toMatchObject({ request: { publication: { minCell: 5 } } });
    expect(buildRequest(form({ publish: false, minCell: 'zero' }))).toMatchObject({ request: { publication: null } });
    for (const minCell of ['2', '1001', '7.5', 'abc', '']) {
      expect(buildRequest(form({ publish: true, minCell })), minCell).toEqual({
        problems: { minCell: 'reports.minCellInvalid' },
      });
    }
  });

  it('names every mistake by its field', () => {
    expect(buildRequest(form({ from: '', to: '31.02.2026', regions: [] }))).toEqual({
      problems: { from: 'reports.dateMissing', to: 'calls.dateInvalid', regions: 'reports.regionsNone' },
    });
    expect(buildRequest(form({ from: '10.11.2026', to: '09.11.2026' }))).toEqual({ problems: { to: 'calls.dateOrder' } });
  });
});

const exact = (count: number): Cell => ({ kind: 'exact', count });
const small: Cell = { kind: 'small', below: 11 };
const withheld: Cell = { kind: 'withheld' };

const subjects: Breakdown = {
  kind: 'subject',
  title: { lv: 'Pa tematiem', en: 'By subject', ru: 'По темам' },
  note: { lv: '', en: '', ru: '' },
  rows: [
    { key: 'shamMarriage', label: { lv: 'Fiktīva laulība', en: 'Sham marriage', ru: 'Фиктивный брак' }, counts: { calls: exact(59), cases: exact(40) } },
    { key: 'forcedLabour', label: { lv: 'Piespiedu darbs', en: 'Forced labour', ru: 'Принудительный труд' }, counts: { calls: small, cases: withheld } },
  ],
  total: { calls: exact(65), cases: exact(44) },
};

describe('cells', () => {
  it('show a count, "<k" or "x"', () => {
    expect([exact(12), exact(0), small, withheld].map(cellText)).toEqual(['12', '0', '<11', 'x']);
  });

  it('chart hidden counts as 0 and keep their text for the tooltip', () => {
    const data = chartData(subjects, (row) => row.label.en, { calls: 'Calls', cases: 'Cases' });
    expect(data.labels).toEqual([['Sham marriage'], ['Forced labour']]);
    expect(data.series).toEqual([
      { label: 'Calls', values: [59, 0], texts: ['59', '<11'] },
      { label: 'Cases', values: [40, 0], texts: ['40', 'x'] },
    ]);
    expect(hasHiddenCells(subjects)).toBe(true);
    expect(hasHiddenCells({ ...subjects, rows: subjects.rows.slice(0, 1) })).toBe(false);
  });

  it('wrap long chart labels at spaces', () => {
    expect(wrapLabel('Seksuālā izmantošana / prostitūcija')).toEqual(['Seksuālā izmantošana /', 'prostitūcija']);
    expect(wrapLabel('Apvienotā Karaliste (GB)')).toEqual(['Apvienotā Karaliste', '(GB)']);
    expect(wrapLabel('03.2026')).toEqual(['03.2026']);
  });

  it('call a report empty only when it has no calls at all', () => {
    expect(isEmptyReport({ total: { calls: exact(0), cases: exact(0) } })).toBe(true);
    expect(isEmptyReport({ total: { calls: small, cases: exact(0) } })).toBe(false);
  });
});

describe('folderOf', () => {
  it('takes the folder of a Linux or Windows path', () => {
    expect(folderOf('/home/anna/atskaite/00-report.csv')).toBe('/home/anna/atskaite');
    expect(folderOf('C:\\Users\\anna\\atskaite\\00-report.csv')).toBe('C:\\Users\\anna\\atskaite');
  });
});
