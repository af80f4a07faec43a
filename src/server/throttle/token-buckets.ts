/** A bucket's state as a client sees it (Shopify's throttleStatus). */
export interface BucketStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * One token bucket per key, in memory: `capacity` tokens, refilled at `perSecond`. A key whose bucket is full
 * is forgotten, so memory holds only keys that spent something recently; past `maxKeys` the oldest is dropped
 * (a Map iterates in insertion order), which can only ever be lenient. Per process, not shared between instances.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly capacity: number,
    readonly perSecond: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 100_000,
  ) {}

  available(key: string): number {
    const bucket = this.buckets.get(key);
    if (!bucket) return this.capacity;
    const tokens = bucket.tokens + ((this.now() - bucket.at) / 1000) * this.perSecond;
    if (tokens < this.capacity) return tokens;
    this.buckets.delete(key);
    return this.capacity;
  }

  /** Takes `cost` tokens if there are that many; otherwise takes nothing. */
  take(key: string, cost: number): boolean {
    const tokens = this.available(key);
    if (tokens < cost) return false;
    this.set(key, tokens - cost);
    return true;
  }

  /** Seconds until `cost` tokens are available (at least 1, as Retry-After is whole seconds). */
  retryAfterSeconds(key: string, cost: number): number {
    const missing = Math.min(cost, this.capacity) - this.available(key);
    return Math.max(1, Math.ceil(missing / this.perSecond));
  }

  status(key: string): BucketStatus {
    return { maximumAvailable: this.capacity, currentlyAvailable: Math.floor(this.available(key)), restoreRate: this.perSecond };
  }

  private set(key: string, tokens: number): void {
    this.buckets.delete(key);
    if (this.buckets.size >= this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
    this.buckets.set(key, { tokens, at: this.now() });
  }
}
