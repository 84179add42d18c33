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
  const models = new ModelList();
  for (const r of results) models.add(r);
  return { ...exportHead(runs, models.list(), environment, appVersion, exportedAt, suites), results };
}

/** The models a file's results ran on, each once, in first-seen order. */
class ModelList {
  readonly #byKey = new Map<string, ExportDocument['models'][number]>();
  add(r: ResultRecord): void {
    this.#byKey.set(`${r.runtime}|${r.modelId}|${r.where}`, {
      modelId: r.modelId,
      runtime: r.runtime,
      where: r.where,
    });
  }
  list(): ExportDocument['models'] {
    return [...this.#byKey.values()];
  }
}

/** Every field but the results, in the order the file has them. */
function exportHead(
  runs: Run[],
  models: ExportDocument['models'],
  environment: ExportEnvironment,
  appVersion: string,
  exportedAt: string,
  suites: Suite[],
): Omit<ExportDocument, 'results'> {
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    minorVersion: EXPORT_MINOR_VERSION,
    appVersion,
    exportedAt,
    environment,
    metricDefinitions: METRIC_DEFINITIONS,
    models,
    suites,
    runs,
  };
}

/**
 * The file's text in pieces, the same characters as `JSON.stringify(buildExport(...), null, 2)`:
 * `add` gives each batch of results as text, `finish` the head before them (it lists the
 * models seen) and the close after. A large export can hand each piece on (to a Blob) and
 * drop the records, never holding the whole document, nor one giant string.
 */
export class ExportJsonWriter {
  readonly #models = new ModelList();
  #count = 0;

  /** These results as the file's text continues with them. */
  add(results: readonly ResultRecord[]): string {
    if (results.length === 0) return '';
    for (const r of results) this.#models.add(r);
    // One call for the batch: `[`, each result at indent 2, `]`. JSON strings hold no raw
    // line breaks, so every break is structure: indented two more, the result sits at 4.
    const array = JSON.stringify(results, null, 2).replaceAll('\n', '\n  ');
    const items = array.slice(1, -'\n  ]'.length);
    const text = this.#count === 0 ? items : ',' + items;
    this.#count += results.length;
    return text;
  }

  get count(): number {
    return this.#count;
  }

  /** What goes before every piece `add` gave, and what after. */
  finish(
    runs: Run[],
    environment: ExportEnvironment,
    appVersion: string,
    exportedAt: string,
    suites: Suite[] = [],
  ): { before: string; after: string } {
    const head = exportHead(runs, this.#models.list(), environment, appVersion, exportedAt, suites);
    const text = JSON.stringify({ ...head, results: [] }, null, 2);
    if (this.#count === 0) return { before: text, after: '' };
    // The head ends with `"results": []` and the closing brace: open the array there.
    return { before: text.slice(0, text.lastIndexOf('[]') + 1), after: '\n  ]\n}' };
  }
}

/** A file name that sorts by time and says what it holds. */
export function exportFileName(exportedAt: string, what: string): string {
  return `qwenfit-${what}-${exportedAt.replace(/[:.]/g, '-')}.json`;
}
