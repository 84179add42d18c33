/** Groups items by a key, keeping first-seen order of keys and items. */
export function groupBy<T>(items: Iterable<T>, key: (item: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return [...groups];
}
