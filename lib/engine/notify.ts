import pg from "pg";
import type { Logger } from "@/lib/logging";

const CHANNEL = "conveyor_engine";

/**
 * Cross-process wake-ups on PostgreSQL: NOTIFY after queuing work, LISTEN on a dedicated
 * connection. Notifications are coalesced (one per tick) and only a hint: workers still poll,
 * so a lost notification costs latency, never work.
 */
export class PgNotifier {
  private client: pg.Client | null = null;
  private pending = false;
  private closed = false;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly url: string,
    private readonly onWake: () => void,
    private readonly log: Logger,
    private readonly send: (text: string) => Promise<unknown>,
  ) {}

  async listen(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.url });
    client.on("notification", () => this.onWake());
    client.on("error", (error) => {
      this.log.warn({ err: error }, "engine: LISTEN connection lost; reconnecting");
      this.reconnect(client);
    });
    client.on("end", () => this.reconnect(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      this.client = client;
    } catch (error) {
      this.log.warn({ err: error }, "engine: LISTEN failed; polling until it works");
      this.reconnect(client);
    }
  }

  private reconnect(client: pg.Client): void {
    if (this.client === client) this.client = null;
    client.removeAllListeners();
    client.end().catch(() => {});
    if (this.closed || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.listen();
    }, 2_000);
    this.retryTimer.unref();
  }

  /** Tells other processes that work is due (coalesced to one NOTIFY per tick). */
  notify(): void {
    if (this.pending || this.closed) return;
    this.pending = true;
    setImmediate(() => {
      this.pending = false;
      this.send(`NOTIFY ${CHANNEL}`).catch(() => {});
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    if (client) {
      client.removeAllListeners();
      await client.end().catch(() => {});
    }
  }
}
