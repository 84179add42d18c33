import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** uPlot loads with the first chart drawn (23 KB gzipped the first screen does not need). */
let uPlotLoad: Promise<typeof uPlot> | null = null;
const loadUPlot = () => (uPlotLoad ??= import('uplot').then((m) => m.default));

/**
 * Draws a uPlot chart in its box, as wide as the box (at least `minWidth`) and kept so when
 * the window or the layout around it changes, since uPlot draws at a fixed size. Its
 * legend is a key, not a read-out: every chart's figures are in a table beside it.
 * Returns what removes the chart.
 */
export function drawChart(
  box: HTMLElement,
  minWidth: number,
  options: Omit<uPlot.Options, 'width' | 'legend'> & { legend?: Pick<uPlot.Legend, 'markers'> },
  data: uPlot.AlignedData,
): () => void {
  let remove = () => {
    removed = true;
  };
  let removed = false;
  void loadUPlot().then((UPlot) => {
    // Removed (the data changed, the screen closed) while uPlot loaded: nothing to draw.
    if (removed) return;
    const chart = new UPlot(
      {
        ...options,
        width: Math.max(minWidth, box.clientWidth),
        legend: { ...options.legend, live: false },
      },
      data,
      box,
    );
    const observer = new ResizeObserver(() => {
      const width = Math.max(minWidth, box.clientWidth);
      if (width !== chart.width) chart.setSize({ width, height: chart.height });
    });
    observer.observe(box);
    remove = () => {
      observer.disconnect();
      chart.destroy();
    };
  });
  return () => remove();
}
