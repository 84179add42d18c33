import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { decideBench } from './decide';
import { load } from './load';
import { storeUi } from './store-ui';
import { relay } from './relay';
import { remoteTtft } from './remote-ttft';
import { runnerBench } from './runner';
import { sse } from './sse';
import { store } from './store';
import { stressBench } from './stress';
import { tinyModelNode } from './tiny-model-node';
import { ui } from './ui';
import type { BenchResult, Benchmark } from './types';
import { ensureBuilt } from '../lib/vite-server';

/** Later issues add their benchmarks here; `npm run bench -- tiny_model` runs one group. */
const BENCHMARKS: Benchmark[] = [
  tinyModelNode,
  sse,
  remoteTtft,
  relay,
  store,
  storeUi,
  load,
  ui,
  decideBench,
  stressBench,
  runnerBench,
];

// The browser groups serve the built app: build it first when there is none or it is stale.
ensureBuilt((line) => console.log(line));

const only = process.argv.slice(2);
const selected = BENCHMARKS.filter((b) => only.length === 0 || only.includes(b.group));
const results: BenchResult[] = [];
for (const bench of selected) {
  console.log(`running ${bench.group}…`);
  results.push(...(await bench.run()));
}
console.table(results.map(({ id, value, unit, better, note }) => ({ id, value, unit, better, note })));
const outDir = resolve(import.meta.dirname, '../../bench');
const outFile = resolve(outDir, 'latest.json');
mkdirSync(outDir, { recursive: true });
// Running one group keeps the other groups' latest figures.
const ran = new Set(selected.map((b) => b.group));
const kept = existsSync(outFile)
  ? (JSON.parse(readFileSync(outFile, 'utf8')) as BenchResult[]).filter(
      // A group may also write ids under another prefix (sse writes remote.*): drop those too.
      (r) => !ran.has(r.id.split('.')[0] ?? '') && !results.some((n) => n.id === r.id),
    )
  : [];
writeFileSync(outFile, JSON.stringify([...kept, ...results], null, 2) + '\n');
console.log(`wrote ${outFile}`);
