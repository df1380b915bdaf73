// Chart.js is loaded the first time a chart is drawn, as a chunk of its own:
// most people never open the reports, and the app's first screen should not
// wait for a charting library to load.
import { onDemand } from '../lib/onDemand';

/** Chart.js with only the parts a bar chart needs registered. */
export const chartJs = onDemand(() =>
  import('chart.js').then(
    ({ BarController, BarElement, CategoryScale, Chart: ChartJs, Legend, LinearScale, Tooltip }) => {
      ChartJs.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);
      return ChartJs;
    },
  ),
);
