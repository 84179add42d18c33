/**
 * Finds strings that look like API keys, so a file can neither bring one into the store
 * nor carry one out in an export. Two rules, both kept narrow so prose is not flagged:
 * - a known provider prefix followed by a long key body, as a whole token (the words
 *   "an sk- prefix" in a prompt are not a key);
 * - a long, high-entropy token as the whole value of a field named like a secret.
 */

/** Prefixes providers give their keys, with the shortest body a real key has after them. */
const PREFIXED =
  /(?<![A-Za-z0-9_-])(sk-(?:ant-|or-v1-|proj-)?[A-Za-z0-9_-]{20,}|AIza[0-9A-Za-z_-]{35}|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,}|hf_[A-Za-z0-9]{30,}|xai-[A-Za-z0-9]{40,}|gsk_[A-Za-z0-9]{40,}|AKIA[0-9A-Z]{16}|(?:sk|rk)_live_[A-Za-z0-9]{20,})(?![A-Za-z0-9_-])/;

const SECRET_FIELD =
  /(^|[_-])(api[_-]?key|apikey|secret|token|password|passwd|authorization|auth|bearer|key)$/i;

/** Shannon entropy in bits per character. */
function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** A value that is itself one long, random-looking token (with an optional "Bearer "). */
function randomToken(value: string): boolean {
  const token = value.replace(/^Bearer\s+/i, '');
  return (
    /^[A-Za-z0-9_\-.+/=]{24,}$/.test(token) &&
    /\d/.test(token) &&
    /[A-Za-z]/.test(token) &&
    entropy(token) >= 3.5
  );
}

/** Why a string looks like a key, or null. `field` is the name of the field that holds it. */
export function secretIn(value: string, field: string): string | null {
  const match = PREFIXED.exec(value);
  if (match) return `looks like an API key (${match[0].slice(0, 4)}…)`;
  if (SECRET_FIELD.test(field) && randomToken(value))
    return `a random-looking token in a field named “${field}”`;
  return null;
}

export interface SecretHit {
  path: string;
  why: string;
}

/** Every string in `value` that looks like a key, with its JSON Pointer path. */
export function findSecrets(value: unknown, path = '', field = '', out: SecretHit[] = []): SecretHit[] {
  if (typeof value === 'string') {
    const why = secretIn(value, field);
    if (why) out.push({ path: path || '/', why });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => findSecrets(v, `${path}/${i}`, field, out));
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) findSecrets(v, `${path}/${k}`, k, out);
  }
  return out;
}

/**
 * The same value with every key-like string replaced, and how many were. Parts with
 * nothing to replace are the very same objects (no copy): an export scans 100k records.
 */
export function withoutSecrets<T>(value: T): { value: T; removed: number } {
  let removed = 0;
  const strip = (v: unknown, field: string): unknown => {
    if (typeof v === 'string') {
      if (secretIn(v, field) === null) return v;
      removed++;
      return '[removed: looked like an API key]';
    }
    if (Array.isArray(v)) {
      const items = v.map((x) => strip(x, field));
      return items.some((x, i) => x !== v[i]) ? items : v;
    }
    if (typeof v === 'object' && v !== null) {
      const entries = Object.entries(v);
      const stripped = entries.map(([k, x]) => strip(x, k));
      return stripped.some((x, i) => x !== entries[i]?.[1])
        ? Object.fromEntries(entries.map(([k], i) => [k, stripped[i]]))
        : v;
    }
    return v;
  };
  const out = strip(value, '') as T;
  return { value: out, removed };
}
