const loaded = new Map<string, Promise<unknown>>();

/** A data file of the site, fetched once: a place's shard is asked for again on every click of its rows. */
export function loadJson<T>(path: string): Promise<T> {
  let promise = loaded.get(path);
  if (!promise) {
    promise = fetch(path).then((response) => {
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
      return response.json();
    });
    loaded.set(path, promise);
  }
  return promise as Promise<T>;
}
