import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  Tooltip,
  type TooltipItem,
} from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';

// Only the parts a bar chart needs, so the rest of Chart.js stays out of the bundle.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

/** One set of bars: the heights, and the text each stands for ("<11" when hidden). */
export interface BarSeries {
  label: string;
  values: number[];
  texts: string[];
}

export interface BarChartData {
  labels: string[];
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

/** Bar height per row of a horizontal chart, so long lists stay readable. */
const ROW_HEIGHT = 30;

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
    if (horizontal && frame.current) frame.current.style.height = `${Math.max(160, 60 + data.labels.length * ROW_HEIGHT)}px`;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: data.labels,
        datasets: data.series.map((series, index) => ({
          label: series.label,
          data: series.values,
          backgroundColor: COLOURS[index % COLOURS.length],
        })),
      },
      options: {
        indexAxis: horizontal ? 'y' : 'x',
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: { beginAtZero: true, ticks: { precision: 0 } },
          y: { beginAtZero: true, ticks: { precision: 0 } },
        },
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
    return () => chart.destroy();
  }, [data, horizontal]);

  return (
    <div class={horizontal ? 'bar-chart bar-chart-horizontal' : 'bar-chart'} ref={frame}>
      <canvas id={id} ref={canvas} role="img" aria-label={label} />
    </div>
  );
}
