/** Bytes of one cached response: its Content-Length when stored, else its body size. */
async function responseBytes(res: Response): Promise<number> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > 0) return declared;
  return (await res.blob()).size;
}

export interface CachedFile {
  cache: string;
  url: string;
  bytes: number;
}

/** Every entry of the named Cache Storage caches with its size; missing caches are skipped. */
export async function listCachedFiles(cacheNames: readonly string[]): Promise<CachedFile[]> {
  const files: CachedFile[] = [];
  for (const name of cacheNames) {
    if (!(await caches.has(name))) continue;
    const cache = await caches.open(name);
    for (const req of await cache.keys()) {
      const res = await cache.match(req);
      if (res) files.push({ cache: name, url: req.url, bytes: await responseBytes(res) });
    }
  }
  return files;
}

export async function deleteCachedFiles(files: readonly CachedFile[]): Promise<void> {
  for (const f of files) await (await caches.open(f.cache)).delete(f.url);
}

/** The URLs held in the named caches, without reading any body: enough to tell "downloaded". */
export async function cachedUrls(cacheNames: readonly string[]): Promise<string[]> {
  const urls: string[] = [];
  for (const name of cacheNames) {
    if (!(await caches.has(name))) continue;
    for (const req of await (await caches.open(name)).keys()) urls.push(req.url);
  }
  return urls;
}
