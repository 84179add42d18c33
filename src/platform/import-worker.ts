import { proxy, releaseProxy, wrap, type Remote } from 'comlink';
import type { Resolution } from '../core/import-conflicts';
import type { ImportPreview, ImportProgress, ImportWorkerApi } from '../core/import-file';

/** One import's worker: calls that fail with the worker (a crash, out of memory) instead of hanging. */
export interface ImportWorker {
  preview(
    file: File,
    builtInSuiteIds: string[],
    onProgress: (p: ImportProgress) => void,
  ): ReturnType<ImportWorkerApi['preview']>;
  apply(
    resolution: Resolution,
    onProgress: (p: ImportProgress) => void,
  ): ReturnType<ImportWorkerApi['apply']>;
  end(): void;
}

export function startImportWorker(): ImportWorker {
  const worker = new Worker(new URL('../../workers/import.worker.ts', import.meta.url), {
    type: 'module',
    name: 'import',
  });
  const api: Remote<ImportWorkerApi> = wrap<ImportWorkerApi>(worker);
  let ended = false;
  let stop: (why: Error) => void = () => undefined;
  // A crash, or end() (terminate fires no event): either way a pending call fails, never hangs.
  const died = new Promise<never>((_, reject) => {
    stop = reject;
    worker.addEventListener('error', (e) =>
      reject(new Error(`The import stopped: ${e.message || 'its worker failed (out of memory?)'}.`)),
    );
  });
  died.catch(() => undefined);
  const guarded = <T>(call: Promise<T>) => Promise.race([call, died]);
  return {
    // comlink's Remote type splits a promised union into a union of promises; it is one promise.
    preview: (file, ids, onProgress) =>
      guarded(api.preview(file, ids, proxy(onProgress)) as Promise<ImportPreview>),
    apply: (resolution, onProgress) => guarded(api.apply(resolution, proxy(onProgress))),
    end() {
      if (ended) return;
      ended = true;
      api[releaseProxy]();
      worker.terminate();
      stop(new Error('The import was cancelled.'));
    },
  };
}
