/** What time it is for scheduled payments: due checks and "not in the past". Replaceable, so tests can move it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
