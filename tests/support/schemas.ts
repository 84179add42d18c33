import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';

const read = (name: string): object =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, '../../docs', name), 'utf8')) as object;

/** A validator for one of the published schemas in docs/, read from disk as users get them. */
export function publishedSchema(name: 'result-file' | 'suite' | 'routing-table' | 'plan'): ValidateFunction {
  // The results file refers to the suite and plan schemas by their $id, a plan to the suite schema.
  const refs = { 'result-file': ['suite', 'plan'], plan: ['suite'] }[name as string] ?? [];
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    schemas: refs.map((r) => read(`${r}.schema.json`)),
  });
  return ajv.compile(read(`${name}.schema.json`));
}
