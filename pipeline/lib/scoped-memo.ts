/**
 * A pure string function that remembers its answers only inside `within(work)`, for the duration of `work`.
 * Scoped to one article's processing, so memory stays flat and a benchmark built from recombined sentences
 * gains nothing from other articles' strings; outside a scope every call computes.
 */
export function scopedMemo<V>(compute: (key: string) => V) {
  let memo: Map<string, V> | null = null;
  return {
    get(key: string): V {
      if (memo?.has(key)) return memo.get(key)!;
      const value = compute(key);
      memo?.set(key, value);
      return value;
    },
    within<T>(work: () => T): T {
      const outer = memo;
      memo = new Map();
      try {
        return work();
      } finally {
        memo = outer;
      }
    },
  };
}
