/// <reference lib="webworker" />
// The relay benchmark's baseline: the very transformers.js worker code, with every event
// dropped inside the worker instead of posted to the page. Only the final figures cross.
import { expose } from 'comlink';
import type { ChatRequest } from '../../src/core/engine-types';
import type { TransformersLoadOptions } from '../../src/core/worker-protocol';
import { api } from '../../workers/transformers-api';

const sink = {
  async load(options: TransformersLoadOptions): Promise<void> {
    const result = await api.load(options, () => undefined);
    if (!result.ok) throw new Error(result.error.message);
  },
  async generate(req: ChatRequest): Promise<Record<string, number>> {
    let stats: Record<string, number> = {};
    await api.generate(req, (e) => {
      if (e.type === 'usage') stats = e.engineStats ?? {};
    });
    return stats;
  },
};

expose(sink);
export type SinkWorkerApi = typeof sink;
