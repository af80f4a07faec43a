/** What one read of a subscriber's source gives: items to send, and whether to read again without a notice. */
export interface LiveRead<T> {
  items: T[];
  /** Read again at once: the page was full. */
  more?: boolean;
  /** Read again after this many ms: some rows are not final yet (see event-feed.ts). */
  recheckMs?: number;
}

/**
 * A subscription as an async iterator that reads when woken. Wakes coalesce into one flag, so however many
 * notices arrive while a read runs or while the client is slow to take what was read, one read follows: a
 * subscription holds at most one page, whatever the write rate. The consumer (graphql-ws) pulls the next item
 * only after the previous one was written to the socket, which is the back-pressure.
 *
 * `return()` (the client completed, or the socket closed) ends it even while it waits for a wake.
 */
export class LiveStream<T> implements AsyncIterableIterator<T> {
  private buffer: T[] = [];
  /** The first read happens without a notice. */
  private pending = true;
  private done = false;
  private waiter?: () => void;
  private timer?: NodeJS.Timeout;
  private unwatch?: () => void;

  constructor(private readonly read: () => Promise<LiveRead<T>>) {}

  /** Wired to the watch; the unwatch runs when the stream ends. */
  readonly wake = (): void => {
    this.pending = true;
    this.release();
  };

  watching(unwatch: () => void): this {
    if (this.done) unwatch();
    else this.unwatch = unwatch;
    return this;
  }

  async next(): Promise<IteratorResult<T>> {
    while (!this.done) {
      const item = this.buffer.shift();
      if (item !== undefined) return { value: item, done: false };
      if (this.pending) {
        this.pending = false;
        await this.readOnce();
        continue;
      }
      await new Promise<void>((resolve) => (this.waiter = resolve));
    }
    return { value: undefined, done: true };
  }

  return(): Promise<IteratorResult<T>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<T>> {
    this.end();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private async readOnce(): Promise<void> {
    let result: LiveRead<T>;
    try {
      result = await this.read();
    } catch (error) {
      this.end();
      throw error;
    }
    this.buffer = result.items;
    if (result.more) this.pending = true;
    else if (result.recheckMs !== undefined && !this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.wake();
      }, result.recheckMs);
    }
  }

  private release(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
  }

  private end(): void {
    if (this.done) return;
    this.done = true;
    this.buffer = [];
    clearTimeout(this.timer);
    this.unwatch?.();
    this.release();
  }
}
