// How report numbers are shown and charted. A hidden count is not in the
// report at all (see hotline-core's `Cell`), so there is nothing to draw for
// it: charts draw it as 0 and say so.
import type { Breakdown, Cell, Report, ReportRow } from '../ipc/backend';
import type { BarChartData } from './BarChart';

/** "12", "<11" (a count from 1 to 10), or "x" (withheld so a small one cannot be worked out). */
export function cellText(cell: Cell): string {
  switch (cell.kind) {
    case 'exact':
      return String(cell.count);
    case 'small':
      return `<${cell.below}`;
    case 'withheld':
      return 'x';
  }
}

export const isHidden = (cell: Cell) => cell.kind !== 'exact';

/** The bar's height: the count, or 0 when it is hidden. */
export const chartValue = (cell: Cell) => (cell.kind === 'exact' ? cell.count : 0);

/** No finished call in the period and regions. */
export const isEmptyReport = (report: Pick<Report, 'total'>) => report.total.calls.kind === 'exact' && report.total.calls.count === 0;

/** Whether any row's calls or cases are hidden, so the chart must say it left them out. */
export const hasHiddenCells = (breakdown: Breakdown) =>
  breakdown.rows.some((row) => isHidden(row.counts.calls) || isHidden(row.counts.cases));

/**
 * A label broken into lines of about `width` characters at spaces. Chart.js
 * gives an axis at most half the chart, and cuts longer labels off
 * ("…ksuālā izmantošana"), so subjects and countries are wrapped instead.
 */
export function wrapLabel(label: string, width = 22): string[] {
  const lines: string[] = [];
  for (const word of label.split(' ')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** A breakdown as bars: calls and cases per row, hidden counts as 0 with their text kept for the tooltip. */
export function chartData(breakdown: Breakdown, labelOf: (row: ReportRow) => string, names: { calls: string; cases: string }): BarChartData {
  const series = (name: string, cellOf: (row: ReportRow) => Cell) => ({
    label: name,
    values: breakdown.rows.map((row) => chartValue(cellOf(row))),
    texts: breakdown.rows.map((row) => cellText(cellOf(row))),
  });
  return {
    labels: breakdown.rows.map((row) => wrapLabel(labelOf(row))),
    series: [series(names.calls, (row) => row.counts.calls), series(names.cases, (row) => row.counts.cases)],
  };
}
