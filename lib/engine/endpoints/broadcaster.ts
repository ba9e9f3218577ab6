/**
 * A durable endpoint's stream, as Inngest's broadcaster carries it (`pkg/execution/realtime`,
 * `Write` and the `$stream` topic): the bytes an SDK posts to `/v1/realtime/publish/tee?channel=<runId>`
 * go, as they arrive, to every subscriber of that run at `/v1/realtime/sse`. Like Inngest's there is
 * no buffering or replay: a subscriber sees what is published while it is connected.
 *
 * In process only: a subscriber must reach the process the SDK posts to (the standalone engine is
 * one process; see docs/engine.md).
 */
export type StreamSubscriber = (chunk: Uint8Array) => void;

const KEY = Symbol.for("conveyor.engine.stream-broadcaster");
type Holder = { [KEY]?: Map<string, Set<StreamSubscriber>> };

function channels(): Map<string, Set<StreamSubscriber>> {
  const g = globalThis as Holder;
  return (g[KEY] ??= new Map());
}

/** Inngest caps one topic at 5,000 subscribers. */
export const MAX_SUBSCRIBERS = 5_000;

/** Subscribes to a run's stream; returns the unsubscribe function, or null when the topic is full. */
export function subscribeStream(channel: string, subscriber: StreamSubscriber): (() => void) | null {
  const all = channels();
  let subs = all.get(channel);
  if (!subs) all.set(channel, (subs = new Set()));
  if (subs.size >= MAX_SUBSCRIBERS) return null;
  subs.add(subscriber);
  return () => {
    subs.delete(subscriber);
    if (subs.size === 0 && all.get(channel) === subs) all.delete(channel);
  };
}

/** Hands raw bytes to every current subscriber of the channel (a failing one does not stop the others). */
export function publishStream(channel: string, chunk: Uint8Array): number {
  const subs = channels().get(channel);
  if (!subs) return 0;
  for (const subscriber of [...subs]) {
    try {
      subscriber(chunk);
    } catch {
      // A subscriber that cannot take more (closed connection) unsubscribes itself.
    }
  }
  return subs.size;
}

export function subscriberCount(channel: string): number {
  return channels().get(channel)?.size ?? 0;
}
