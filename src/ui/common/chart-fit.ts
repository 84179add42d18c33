import type uPlot from 'uplot';

/**
 * Keeps a chart as wide as its box when the window or the layout around it changes (uPlot
 * draws at a fixed size); returns what stops watching.
 */
export function fitWidth(chart: uPlot, box: HTMLElement, min: number): () => void {
  const observer = new ResizeObserver(() => {
    const width = Math.max(min, box.clientWidth);
    if (width !== chart.width) chart.setSize({ width, height: chart.height });
  });
  observer.observe(box);
  return () => observer.disconnect();
}
