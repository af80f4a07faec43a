import { LiveStream } from '../../src/domain/live/live-stream';

describe('LiveStream (one subscription)', () => {
  it('reads once however many notices arrive while the client is not taking messages', async () => {
    let reads = 0;
    const stream = new LiveStream(async () => ({ items: [++reads] }));
    expect(await stream.next()).toEqual({ value: 1, done: false });
    for (let i = 0; i < 10_000; i++) stream.wake();
    expect(await stream.next()).toEqual({ value: 2, done: false });
    expect(reads).toBe(2);
  });

  it('reads the next page at once when a read was full, without waiting for a notice', async () => {
    const pages = [{ items: ['a', 'b'], more: true }, { items: ['c'] }];
    const stream = new LiveStream(async () => pages.shift() ?? { items: [] });
    const got = [await stream.next(), await stream.next(), await stream.next()].map((r) => r.value);
    expect(got).toEqual(['a', 'b', 'c']);
  });

  it('ends while waiting for a notice when the client completes, and stops watching', async () => {
    let unwatched = 0;
    const stream = new LiveStream(async () => ({ items: [] as string[] })).watching(() => unwatched++);
    const waiting = stream.next();
    await new Promise((r) => setImmediate(r));
    await stream.return();
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(unwatched).toBe(1);
  });

  it('ends with the error of a failed read, and stops watching', async () => {
    let unwatched = 0;
    const stream = new LiveStream<string>(async () => {
      throw new Error('database gone');
    }).watching(() => unwatched++);
    await expect(stream.next()).rejects.toThrow('database gone');
    expect(await stream.next()).toEqual({ value: undefined, done: true });
    expect(unwatched).toBe(1);
  });
});
