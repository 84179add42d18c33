import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { tinyModelNode } from './tiny-model-node';
import type { BenchResult, Benchmark } from './types';

/** Later issues add their benchmarks here; `npm run bench -- tiny_model` runs one group. */
const BENCHMARKS: Benchmark[] = [tinyModelNode];

const only = process.argv.slice(2);
const selected = BENCHMARKS.filter((b) => only.length === 0 || only.includes(b.group));
const results: BenchResult[] = [];
for (const bench of selected) {
  console.log(`running ${bench.group}…`);
  results.push(...(await bench.run()));
}
console.table(results.map(({ id, value, unit, better, note }) => ({ id, value, unit, better, note })));
const outDir = resolve(import.meta.dirname, '../../bench');
mkdirSync(outDir, { recursive: true });
writeFileSync(resolve(outDir, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
console.log(`wrote ${resolve(outDir, 'latest.json')}`);
