import pg from "pg";

/** What a subscriber hears: each notification, and whether its channel is being listened to. */
export type NotificationListener = {
  onNotify(payload: string): void;
  /**
   * True once `LISTEN` is in effect, false when the connection is lost (it reconnects, and says
   * true again). Notifications sent while it was false were missed.
   */
  onState(listening: boolean): void;
};

/** PostgreSQL `LISTEN/NOTIFY` for one database, over one dedicated connection per process. */
export type Notifications = {
  /** Starts listening (connecting if needed); returns the unsubscribe. */
  listen(channel: string, listener: NotificationListener): () => void;
  close(): Promise<void>;
};

const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;
const MAX_BACKOFF_MS = 10_000;

/**
 * A pool connection cannot listen (it goes back to the pool between queries), so this keeps its
 * own client. TCP keep-alive notices a dead peer; an error or end reports every channel down and
 * reconnects with backoff until closed.
 */
export function pgNotifications(connectionString: string): Notifications {
  const channels = new Map<string, Set<NotificationListener>>();
  let client: pg.Client | undefined;
  let connecting: Promise<void> | undefined;
  let retry: NodeJS.Timeout | undefined;
  let backoff = 250;
  let closed = false;

  const each = (fn: (l: NotificationListener, channel: string) => void) => {
    for (const [channel, set] of channels) for (const l of set) fn(l, channel);
  };

  const lost = (c: pg.Client) => {
    if (client !== c) return;
    client = undefined;
    c.removeAllListeners("notification");
    c.end().catch(() => {});
    each((l) => l.onState(false));
    schedule();
  };

  const schedule = () => {
    if (closed || retry || channels.size === 0) return;
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, backoff);
    retry.unref();
    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
  };

  const connect = (): Promise<void> => {
    if (closed || client) return Promise.resolve();
    connecting ??= (async () => {
      const c = new pg.Client({ connectionString, keepAlive: true });
      c.on("error", () => lost(c));
      c.on("end", () => lost(c));
      c.on("notification", (n) => {
        for (const l of channels.get(n.channel) ?? []) l.onNotify(n.payload ?? "");
      });
      try {
        await c.connect();
        for (const channel of channels.keys()) await c.query(`LISTEN ${channel}`);
        if (closed) {
          await c.end().catch(() => {});
          return;
        }
        client = c;
        backoff = 250;
        each((l) => l.onState(true));
      } catch {
        c.removeAllListeners("notification");
        await c.end().catch(() => {});
        schedule();
      }
    })().finally(() => {
      connecting = undefined;
    });
    return connecting;
  };

  return {
    listen(channel, listener) {
      if (!CHANNEL.test(channel)) throw new Error(`not a channel name: ${channel}`);
      const set = channels.get(channel) ?? new Set();
      const isNew = !channels.has(channel);
      channels.set(channel, set);
      set.add(listener);
      const c = client;
      if (c && isNew) {
        c.query(`LISTEN ${channel}`).then(
          () => listener.onState(true),
          () => lost(c),
        );
      } else if (c) {
        listener.onState(true);
      } else {
        void connect();
      }
      return () => {
        set.delete(listener);
        if (set.size === 0) {
          channels.delete(channel);
          client?.query(`UNLISTEN ${channel}`).catch(() => {});
        }
      };
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await connecting;
      const c = client;
      client = undefined;
      if (c) {
        c.removeAllListeners();
        c.on("error", () => {});
        await c.end().catch(() => {});
      }
    },
  };
}
