import type { Chart, TooltipItem } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';
import { chartJs } from './chartjs';

/** One set of bars: the heights, and the text each stands for ("<11" when hidden). */
export interface BarSeries {
  label: string;
  values: number[];
  texts: string[];
}

export interface BarChartData {
  /** Each label's lines. */
  labels: string[][];
  series: BarSeries[];
}

interface BarChartProps {
  id: string;
  /** What the chart shows, for screen readers: the table beside it has the numbers. */
  label: string;
  data: BarChartData;
  /** Bars run left to right, for long labels (subjects, countries). */
  horizontal: boolean;
}

/** Calls in the brand colour, cases in a contrasting amber that stays apart for colour-blind readers. */
const COLOURS = ['#0b5873', '#d08a1e'];

/** Room per row of a horizontal chart, and per extra line of a wrapped label, so long lists stay readable. */
const ROW_HEIGHT = 32;
const LINE_HEIGHT = 14;

/** Legend, axis and padding of a horizontal chart. */
const FRAME_HEIGHT = 90;

/** A horizontal chart grows with its rows. */
function horizontalHeight(labels: string[][]): number {
  const extraLines = labels.reduce((sum, lines) => sum + Math.max(0, lines.length - 1), 0);
  return FRAME_HEIGHT + labels.length * ROW_HEIGHT + extraLines * LINE_HEIGHT;
}

/**
 * A bar chart drawn by Chart.js on a canvas. Not animated: the numbers should
 * be there at once (and stay still for people who prefer reduced motion). The
 * tooltip shows the text of the cell, so a hidden count reads "<11", not 0.
 */
export function BarChart({ id, label, data, horizontal }: BarChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const frame = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!canvas.current) return undefined;
    if (horizontal && frame.current) frame.current.style.height = `${horizontalHeight(data.labels)}px`;
    let chart: Chart | null = null;
    let gone = false;
    void chartJs.load().then((ChartJs) => {
      if (gone || !canvas.current) return;
      chart = draw(ChartJs, canvas.current, data, horizontal);
    });
    return () => {
      gone = true;
      chart?.destroy();
    };
  }, [data, horizontal]);

  return (
    <div class={horizontal ? 'bar-chart bar-chart-horizontal' : 'bar-chart'} ref={frame}>
      <canvas id={id} ref={canvas} role="img" aria-label={label} />
    </div>
  );
}

/** Draws the chart on `canvas`; the caller destroys it. */
function draw(ChartJs: typeof Chart, canvas: HTMLCanvasElement, data: BarChartData, horizontal: boolean): Chart {
  const counts = { beginAtZero: true, ticks: { precision: 0 } };
  return new ChartJs(canvas, {
    type: 'bar',
    data: {
      labels: data.labels,
      datasets: data.series.map((series, index) => ({
        label: series.label,
        data: series.values,
        backgroundColor: COLOURS[index % COLOURS.length],
        maxBarThickness: 56,
      })),
    },
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      // Every subject and country keeps its label (the box grows to fit
      // them); months may skip some when a period spans years.
      scales: horizontal ? { x: counts, y: { ticks: { autoSkip: false } } } : { x: {}, y: counts },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: {
          callbacks: {
            label: (item: TooltipItem<'bar'>) => {
              const series = data.series[item.datasetIndex];
              return `${series?.label ?? ''}: ${series?.texts[item.dataIndex] ?? ''}`;
            },
          },
        },
      },
    },
  });
}
