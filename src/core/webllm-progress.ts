import type { LoadProgress } from './engine-types';

/** web-llm's InitProgressReport: no byte fields, and `progress` restarts at 0 in each phase. */
export interface InitProgressReport {
  progress: number;
  timeElapsed: number;
  text: string;
}

const MiB = 1024 * 1024;

/** Reads the phase and byte counts out of web-llm's progress text (index.js 0.2.86, ~l.8200). */
export function fromWebLlmProgress(r: InitProgressReport): LoadProgress {
  const fraction = Number.isFinite(r.progress) ? Math.min(1, Math.max(0, r.progress)) : null;
  const bytes = /\]: (\d+)MB (fetched|loaded)/.exec(r.text);
  const shard = /\[(\d+)\/(\d+)\]/.exec(r.text);
  const shardText = shard ? ` (${shard[1]} of ${shard[2]})` : '';
  const sized = (loadedMB: number): Pick<LoadProgress, 'loadedBytes' | 'totalBytes'> => {
    const loadedBytes = loadedMB * MiB;
    // The total is not reported; it follows from the fraction once that is meaningful.
    return fraction !== null && fraction > 0.01
      ? { loadedBytes, totalBytes: loadedBytes / fraction }
      : { loadedBytes };
  };
  if (r.text.startsWith('Start to fetch params')) {
    return { phase: 'downloading', fraction: 0, text: 'Starting the download of the weights' };
  }
  if (r.text.startsWith('Fetching param cache') && bytes) {
    return {
      phase: 'downloading',
      fraction,
      text: `Downloading weights${shardText}`,
      ...sized(Number(bytes[1])),
    };
  }
  if (r.text.startsWith('Loading model from cache') && bytes) {
    return {
      phase: 'loading-cache',
      fraction,
      text: `Loading weights from the browser cache${shardText}`,
      ...sized(Number(bytes[1])),
    };
  }
  if (r.text.startsWith('Loading GPU shader modules')) {
    return { phase: 'compiling', fraction, text: `Compiling GPU shaders${shardText}` };
  }
  if (r.text.startsWith('Finish loading')) return { phase: 'ready', fraction: 1, text: r.text };
  return { phase: 'initialising', fraction: null, text: r.text || 'Preparing' };
}
