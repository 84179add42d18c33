import type { Suite } from './suite';
import type { DeviceReport } from './device';
import { METRIC_DEFINITIONS } from './metric-definitions';
import type { ResultRecord, Run } from './results';

export const EXPORT_FORMAT = 'qwenfit-results';
export const EXPORT_VERSION = 1;
/**
 * 1: the hallucination failure category and the grounded grader. 2: evaluation runs carry
 * their plan, results the tool calls they made. Files without it are 1.0 and read the same.
 */
export const EXPORT_MINOR_VERSION = 2;

/** Everything an exported file says about where its numbers were measured. */
export interface ExportEnvironment {
  userAgent: string;
  device: DeviceReport | null;
}

/** One versioned document: runs, their results, and the meaning of every figure. No API keys, ever. */
export interface ExportDocument {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  /** Absent in files of version 1.0. */
  minorVersion?: number;
  appVersion: string;
  exportedAt: string;
  environment: ExportEnvironment;
  metricDefinitions: typeof METRIC_DEFINITIONS;
  models: { modelId: string; runtime: string; where: string }[];
  suites: Suite[];
  runs: Run[];
  results: ResultRecord[];
}

export function buildExport(
  runs: Run[],
  results: ResultRecord[],
  environment: ExportEnvironment,
  appVersion: string,
  exportedAt: string,
  suites: Suite[] = [],
): ExportDocument {
  const models = new Map<string, { modelId: string; runtime: string; where: string }>();
  for (const r of results)
    models.set(`${r.runtime}|${r.modelId}|${r.where}`, {
      modelId: r.modelId,
      runtime: r.runtime,
      where: r.where,
    });
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    minorVersion: EXPORT_MINOR_VERSION,
    appVersion,
    exportedAt,
    environment,
    metricDefinitions: METRIC_DEFINITIONS,
    models: [...models.values()],
    suites,
    runs,
    results,
  };
}

/** A file name that sorts by time and says what it holds. */
export function exportFileName(exportedAt: string, what: string): string {
  return `qwenfit-${what}-${exportedAt.replace(/[:.]/g, '-')}.json`;
}
