/**
 * An async iterable fed by push, one item at a time: `push` resolves when the consumer has taken the item, so a
 * producer never runs ahead of a consumer that pulls (parquet-wasm reads record batches this way).
 */
export class PushQueue<T> implements AsyncIterable<T> {
  private waiting: { value: T; taken: () => void } | null = null;
  private wake: (() => void) | null = null;
  private closed = false;

  push(value: T): Promise<void> {
    if (this.closed) return Promise.reject(new Error("push after close"));
    return new Promise((taken) => {
      this.waiting = { value, taken };
      this.wake?.();
    });
  }

  close(): void {
    this.closed = true;
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for (;;) {
      if (!this.waiting && !this.closed) await new Promise<void>((wake) => (this.wake = wake));
      this.wake = null;
      const item = this.waiting;
      if (!item) return;
      this.waiting = null;
      item.taken();
      yield item.value;
    }
  }
}
