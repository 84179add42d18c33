import { getContext, setContext } from 'svelte';
import type { Playable } from '../catalog/catalog';
import { transformersModelOfUrl, webLlmWeightsBase } from '../core/cache-keys';
import { cachedUrls } from '../platform/cache-size';
import type { StoreState } from './store.svelte';

const KEPT = 'downloads.allowed';
const TRANSFORMERS_CACHE = 'transformers-cache';
const WEBLLM_WEIGHTS = 'webllm/model';

/** A download a run is about to start, waiting for the user's yes or no. */
export interface DownloadQuestion {
  modelKey: string;
  label: string;
  /** About how much, when the catalog knows (web-llm's VRAM figure, close to the download). */
  bytes: number | null;
  /** The host the files come from. */
  from: string;
  /** What will be fetched, in words. */
  files: string;
}

export type Consent = 'go' | 'declined' | 'offline';

/** Where a model's files come from; null for a model served with the app (nothing to download). */
function sourceOf(p: Playable): { from: string; files: string } | null {
  if (p.entry.randomWeights) return null;
  if (p.entry.runtime === 'webllm' && p.record)
    return {
      from: new URL(p.record.model).host,
      files: 'the weights shards and the compiled model library (.wasm)',
    };
  return {
    from: p.remoteHost ? new URL(p.remoteHost).host : 'huggingface.co',
    files: 'the ONNX weights and the tokenizer',
  };
}

async function isDownloaded(p: Playable): Promise<boolean> {
  try {
    if (p.entry.runtime === 'webllm' && p.record) {
      const base = webLlmWeightsBase(p.record.model);
      return (await cachedUrls([WEBLLM_WEIGHTS])).some((u) => u.startsWith(base));
    }
    return (await cachedUrls([TRANSFORMERS_CACHE])).some(
      (u) => transformersModelOfUrl(u) === p.entry.modelId,
    );
  } catch {
    // No Cache Storage (a non-secure page): nothing can be known to be there.
    return false;
  }
}

/**
 * A run never starts a download nobody asked for: before a model's first download, the
 * user is told which files from where and about how many bytes, and says yes or no, once
 * per model (remembered). Offline, a model not in this browser fails at once, said so.
 */
export class DownloadConsent {
  readonly #store: StoreState;
  #pending = $state.raw<DownloadQuestion | null>(null);
  #answer: ((ok: boolean) => void) | null = null;
  #allowed: Promise<string[]>;
  /** One question per model, however many panes or loops want it. */
  readonly #asking: Record<string, Promise<Consent>> = {};

  constructor(store: StoreState) {
    this.#store = store;
    this.#allowed = store
      .lastSetup(KEPT)
      .then((s) =>
        Array.isArray(s.config) ? s.config.filter((k): k is string => typeof k === 'string') : [],
      );
  }

  /** The question on screen, if any. */
  get pending(): DownloadQuestion | null {
    return this.#pending;
  }

  answer(ok: boolean): void {
    this.#answer?.(ok);
  }

  confirm(p: Playable): Promise<Consent> {
    const key = p.entry.key;
    return (this.#asking[key] ??= this.#decide(p).finally(() => delete this.#asking[key]));
  }

  async #decide(p: Playable): Promise<Consent> {
    const source = sourceOf(p);
    if (!source || (await isDownloaded(p))) return 'go';
    if (!navigator.onLine) return 'offline';
    const allowed = await this.#allowed;
    if (allowed.includes(p.entry.key)) return 'go';
    // Questions come one at a time: wait for the one on screen.
    while (this.#pending) await new Promise((r) => setTimeout(r, 50));
    const ok = await new Promise<boolean>((resolve) => {
      this.#answer = resolve;
      this.#pending = {
        modelKey: p.entry.key,
        label: p.entry.label,
        bytes: p.entry.sizeMB === null ? null : p.entry.sizeMB * 1024 * 1024,
        ...source,
      };
    });
    this.#pending = null;
    this.#answer = null;
    if (!ok) return 'declined';
    allowed.push(p.entry.key);
    await this.#store.keepSetup(KEPT, [...allowed], null);
    return 'go';
  }
}

const KEY = Symbol('download-consent');
export const createDownloadConsent = (store: StoreState) => setContext(KEY, new DownloadConsent(store));
export const useDownloadConsent = () => getContext<DownloadConsent>(KEY);
