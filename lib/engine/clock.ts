/**
 * The engine's notion of time. Every timestamp the engine writes and every "is it due?" it asks
 * goes through a Clock, so tests can move time forward instead of sleeping.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves once now() has reached now()+ms (or at once when aborted). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const timer = setTimeout(done, Math.max(0, ms));
      function done() {
        signal?.removeEventListener("abort", done);
        clearTimeout(timer);
        resolve();
      }
      signal?.addEventListener("abort", done, { once: true });
    }),
};

type Sleeper = { at: number; resolve: () => void };

/** A clock that only moves when told to (tests). */
export class VirtualClock implements Clock {
  private sleepers: Sleeper[] = [];
  private listeners = new Set<(now: number) => void>();

  constructor(private current = Date.UTC(2030, 0, 1)) {}

  now(): number {
    return this.current;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted || ms <= 0) return resolve();
      const sleeper: Sleeper = { at: this.current + ms, resolve };
      this.sleepers.push(sleeper);
      signal?.addEventListener(
        "abort",
        () => {
          this.sleepers = this.sleepers.filter((s) => s !== sleeper);
          resolve();
        },
        { once: true },
      );
    });
  }

  /** Moves time forward, waking every sleeper that is now due and telling listeners. */
  advance(ms: number): void {
    this.set(this.current + ms);
  }

  set(at: number): void {
    if (at < this.current) throw new Error("a virtual clock never goes back");
    this.current = at;
    const due = this.sleepers.filter((s) => s.at <= at);
    this.sleepers = this.sleepers.filter((s) => s.at > at);
    for (const s of due) s.resolve();
    for (const listener of this.listeners) listener(at);
  }

  onAdvance(listener: (now: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export function isVirtualClock(clock: Clock): clock is VirtualClock {
  return clock instanceof VirtualClock;
}
