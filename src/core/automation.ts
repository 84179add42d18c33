import type { RegressionReport } from './regression';
import type { ResultRecord, RunStatus } from './results';

/** The run's progress as the headless runner prints it. */
export interface AutomationProgress {
  done: number;
  total: number;
  elapsedMs: number;
  candidates: { label: string; done: number; total: number }[];
}

/**
 * What `npx qwenfit run` drives in the page (window.qwenfit): the Evaluate screen's own
 * state (plan loading, the run, the exporter), so a headless run measures, grades and
 * decides with the very code a user clicks through. No second implementation of anything.
 */
export interface QwenfitAutomation {
  /** Loads a plan file's text; `keys` (endpoint id to API key) are kept for this tab only. */
  loadPlan(text: string, keys: Record<string, string>): Promise<{ errors: string[]; notes: string[] }>;
  /** What would stop the plan running here: an unreachable endpoint, a model that does not fit. */
  preflight(): Promise<string[]>;
  /** Runs the loaded plan to its end; downloads the runner was asked for are allowed. */
  run(): Promise<{ runId: string | null; status: RunStatus | null; downloads: string[] }>;
  progress(): AutomationProgress | null;
  /** The current run's results from the n-th on, so a runner keeps them as they come (a device may drop). */
  results(from: number): ResultRecord[];
  /** What this browser says it is: user agent and WebGPU adapter. */
  device(): Promise<{ userAgent: string; adapter: string | null }>;
  /** The results file of one run, as History's export writes it (keys never in it). */
  exportRun(runId: string): Promise<string>;
  /** The run shown as Evaluate's self-contained HTML report, with a verdict judged elsewhere. */
  report(regression: RegressionReport | null): string;
}

declare global {
  interface Window {
    qwenfit?: QwenfitAutomation;
  }
}
