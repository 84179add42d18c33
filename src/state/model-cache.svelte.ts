import { getContext, setContext } from 'svelte';
import { ALL_WEBLLM_QWEN } from '../catalog/catalog';
import type { OnDeviceRuntime } from '../core/engine-types';
import type { WebLlmRecord } from '../catalog/webllm-qwen';
import { transformersModelOfUrl, webLlmWeightsBase } from '../core/cache-keys';
import { toAppError } from '../core/engine-errors';
import { groupBy } from '../core/group-by';
import type { AppError } from '../core/engine-types';
import type { Result } from '../core/worker-protocol';
import { createWebLlmWorker, webLlmLoadOptions } from '../engines/ondevice-factory';
import { WorkerBridge } from '../engines/worker-bridge';
import { appError } from '../core/error-catalog';
import { deleteCachedFiles, listCachedFiles, type CachedFile } from '../platform/cache-size';
import type { ModelsState } from './models.svelte';
import type { Remote } from 'comlink';
import type { WebLlmWorkerApi } from '../../workers/webllm.worker';

export const TRANSFORMERS_CACHE = 'transformers-cache';
export const WEBLLM_CACHES = ['webllm/model', 'webllm/config', 'webllm/wasm'] as const;

export interface CachedModel {
  runtime: OnDeviceRuntime;
  modelId: string;
  bytes: number;
  files: CachedFile[];
  /** web-llm: every shard present (its own hasModelInCache); null when not asked. */
  complete: boolean | null;
  record?: WebLlmRecord;
}

/** Downloaded model files in this browser's Cache Storage, by model, with their sizes. */
export class ModelCacheState {
  readonly #models: ModelsState;
  #status = $state<'idle' | 'loading' | 'ready' | 'error'>('idle');
  #rows = $state.raw<CachedModel[]>([]);
  #error = $state.raw<AppError | null>(null);

  constructor(models: ModelsState) {
    this.#models = models;
  }

  get status() {
    return this.#status;
  }
  get rows(): CachedModel[] {
    return this.#rows;
  }
  get error(): AppError | null {
    return this.#error;
  }
  get totalBytes(): number {
    return this.#rows.reduce((s, r) => s + r.bytes, 0);
  }

  #webLlmRecords(): WebLlmRecord[] {
    const custom = this.#models.custom.flatMap((p) => (p.record ? [p.record] : []));
    return [...ALL_WEBLLM_QWEN, ...custom];
  }

  async refresh(): Promise<void> {
    this.#status = 'loading';
    this.#error = null;
    try {
      const rows: CachedModel[] = [];
      const transformersFiles = await listCachedFiles([TRANSFORMERS_CACHE]);
      for (const [modelId, files] of groupBy(
        transformersFiles,
        (f) => transformersModelOfUrl(f.url) ?? 'other files',
      )) {
        rows.push(summarise('transformers', modelId, files, null));
      }

      const webFiles = await listCachedFiles(WEBLLM_CACHES);
      const webRows = this.#webLlmRecords().flatMap((record) => {
        const base = webLlmWeightsBase(record.model);
        const files = webFiles.filter((f) => f.url.startsWith(base) || f.url === record.model_lib);
        return files.some((f) => f.url.startsWith(base))
          ? [{ ...summarise('webllm', record.model_id, files, null), record }]
          : [];
      });
      const complete = webRows.length
        ? await withWebLlmWorker((w) => w.cachedModels(webRows.map((r) => webLlmLoadOptions(r.record))))
        : [];
      rows.push(...webRows.map((r) => ({ ...r, complete: complete.includes(r.modelId) })));
      this.#rows = rows.sort((a, b) => b.bytes - a.bytes);
      this.#status = 'ready';
    } catch (e) {
      this.#error = toAppError(e);
      this.#status = 'error';
    }
  }

  async remove(row: CachedModel): Promise<void> {
    try {
      if (row.runtime === 'webllm' && row.record) {
        const record = row.record;
        const result = await withWebLlmWorker<Result<null>>((w) =>
          w.deleteFromCache(webLlmLoadOptions(record)),
        );
        if (!result.ok) throw new Error(result.error.detail ?? result.error.message);
      }
      // Whatever web-llm's helper left (a partial download), and every transformers.js file.
      await deleteCachedFiles(row.files);
    } catch (e) {
      this.#error = toAppError(e);
    }
    await this.refresh();
  }

  async removeAll(): Promise<void> {
    for (const row of this.#rows) await this.remove(row);
  }
}

function summarise(
  runtime: OnDeviceRuntime,
  modelId: string,
  files: CachedFile[],
  complete: boolean | null,
): CachedModel {
  return { runtime, modelId, files, complete, bytes: files.reduce((s, f) => s + f.bytes, 0) };
}

/**
 * A short-lived web-llm worker for its cache helpers (the page never loads web-llm itself),
 * through the bridge: a worker that dies mid-call rejects the call instead of hanging the screen.
 */
async function withWebLlmWorker<T>(fn: (api: Remote<WebLlmWorkerApi>) => Promise<T>): Promise<T> {
  const bridge = new WorkerBridge<WebLlmWorkerApi>(() => createWebLlmWorker('web-llm · cache'));
  try {
    return await bridge.call(fn);
  } finally {
    bridge.terminate(appError('unloaded'));
  }
}

const KEY = Symbol('model-cache');
export const createModelCacheState = (models: ModelsState) => setContext(KEY, new ModelCacheState(models));
export const useModelCacheState = () => getContext<ModelCacheState>(KEY);
