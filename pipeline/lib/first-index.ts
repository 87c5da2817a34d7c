/**
 * The first index in [0, length) where `holds` is true, or `length`: a binary search, for a test that is false and
 * then true along a sorted list (a start past a position, an end past it).
 */
export function firstIndex(length: number, holds: (index: number) => boolean): number {
  let [low, high] = [0, length];
  while (low < high) {
    const mid = (low + high) >> 1;
    if (holds(mid)) high = mid;
    else low = mid + 1;
  }
  return low;
}
