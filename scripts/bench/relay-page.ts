// Runs inside Chromium, served by the Vite dev server: the app's on-device engine against
// the same worker code with a no-op event sink.
import { wrap } from 'comlink';
import { transformersChoices } from '../../src/catalog/catalog';
import { TINY_MODEL_ID } from '../../src/catalog/transformers-models';
import type { ChatRequest } from '../../src/core/engine-types';
import { createOnDeviceEngine, transformersLoadOptions } from '../../src/engines/ondevice-factory';
import type { SinkWorkerApi } from './relay-sink.worker';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

/** Decode rates measured inside the worker, relayed to the page vs dropped in the worker, interleaved. */
export async function runRelayBench(device: 'webgpu' | 'wasm', tokens: number, runs: number) {
  const tiny = transformersChoices().find((p) => p.entry.modelId === TINY_MODEL_ID);
  if (!tiny) throw new Error('no tiny model in the catalog');
  const engine = createOnDeviceEngine(tiny, device, false);
  await engine.load(() => undefined);
  const sink = wrap<SinkWorkerApi>(
    new Worker(new URL('./relay-sink.worker.ts', import.meta.url), { type: 'module' }),
  );
  await sink.load(transformersLoadOptions(tiny, device, false));
  const request = (i: number): ChatRequest => ({
    messages: [{ role: 'user', content: `Tell me a story, take ${i}.` }],
    max_tokens: tokens,
    temperature: 0,
  });
  const relayed: number[] = [];
  const dropped: number[] = [];
  // Run 0 of each is a warm-up, kept out.
  for (let i = 0; i <= runs; i++) {
    let stats: Record<string, number> = {};
    for await (const e of engine.chat(request(i), new AbortController().signal))
      if (e.type === 'usage') stats = e.engineStats ?? {};
    const silent = await sink.generate(request(i));
    if (i === 0) continue;
    relayed.push(stats.worker_decode_tokens_per_s ?? Number.NaN);
    dropped.push(silent.worker_decode_tokens_per_s ?? Number.NaN);
  }
  await engine.unload();
  return { relayed: median(relayed), dropped: median(dropped) };
}
