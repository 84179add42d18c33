import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

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
  const chart = new uPlot(
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
  return () => {
    observer.disconnect();
    chart.destroy();
  };
}
