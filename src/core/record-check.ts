import { validateResult, validateRun, type CompiledValidator } from './generated/validators';
import { plainSchemaProblem } from './import-problems';

/**
 * Checks a record read from this browser's store against the shape the app assumes, so a
 * damaged one (written by an old version, a crash, a hand in DevTools) is shown as damaged
 * and can be removed instead of breaking the screen that reads it.
 */

export interface Damage {
  kind: 'run' | 'result' | 'suite';
  id: string;
  why: string;
}

export const idOf = (x: unknown) =>
  typeof x === 'object' && x !== null && typeof (x as { id?: unknown }).id === 'string'
    ? (x as { id: string }).id
    : String((x as { id?: unknown } | null)?.id ?? '?');

function schemaDamage(
  kind: 'run' | 'result',
  validate: CompiledValidator<unknown>,
  record: unknown,
): Damage | null {
  if (validate(record)) return null;
  const e = validate.errors?.[0];
  if (!e) return { kind, id: idOf(record), why: 'is not valid' };
  const p = plainSchemaProblem(e, record);
  return { kind, id: idOf(record), why: `${p.path === '/' ? 'the record' : p.path} ${p.message}` };
}

export const runDamage = (record: unknown): Damage | null => schemaDamage('run', validateRun, record);
export const resultDamage = (record: unknown): Damage | null =>
  schemaDamage('result', validateResult, record);

/** Splits records into those the app can show and the damaged ones. */
export function sortOut<T>(
  records: readonly unknown[],
  damage: (r: unknown) => Damage | null,
): { ok: T[]; damaged: Damage[] } {
  const ok: T[] = [];
  const damaged: Damage[] = [];
  for (const r of records) {
    const d = damage(r);
    if (d) damaged.push(d);
    else ok.push(r as T);
  }
  return { ok, damaged };
}
