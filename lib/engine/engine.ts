import type { Sql } from "@/lib/db";
import { logger, type Logger } from "@/lib/logging";
import { realClock, type Clock } from "./clock";
import type { EngineConfig, EngineContext, EngineObserver } from "./context";
import { Doorbell } from "./doorbell";
import { ingestEvents, processPendingEvents } from "./events/process-events";
import { token } from "./ids";
import { maintain, prune } from "./maintenance";
import { metricsObserver } from "./metrics";
import { PgNotifier } from "./notify";
import { endpointOf } from "./registration/serve-url";
import { syncUrl, type SyncResult } from "./sync";
import { Worker } from "./worker";

export type EngineOptions = {
  sql: Sql;
  clock?: Clock;
  /** Signs calls to SDK endpoints (cloud-mode SDKs); omit for SDKs in dev mode. */
  signingKey?: string;
  /**
   * Serve URLs apps may register (see EngineContext.appEndpoints). Required, so that no engine
   * accepts any URL by omission; "any" is for development engines and tests only.
   */
  appUrls: string[] | "any";
  log?: Logger;
  config?: Partial<EngineConfig>;
  /** web | worker | standalone | test: shown to operators. */
  kind?: string;
  /** PostgreSQL URL for LISTEN/NOTIFY wake-ups between processes. */
  listenUrl?: string;
  random?: () => number;
  observe?: EngineObserver;
};

export const DEFAULT_CONFIG: Omit<EngineConfig, "workerId"> = {
  concurrency: 32,
  leaseMs: 30_000,
  requestTimeoutMs: 2 * 3_600_000,
  shutdownTimeoutMs: 25_000,
  retentionMs: 7 * 86_400_000,
  pollMs: 1_000,
  checkpointing: "auto",
  synchronousCommit: true,
  retryIntervalMs: 0,
};

/** One engine: event intake, sync, and (once started) a worker on the queue. */
export class Engine {
  readonly ctx: EngineContext;
  private readonly doorbell = new Doorbell();
  private readonly notifier?: PgNotifier;
  private worker?: Worker;

  constructor(opts: EngineOptions) {
    const kind = opts.kind ?? "web";
    const config: EngineConfig = { ...DEFAULT_CONFIG, workerId: `${kind}-${process.pid}-${token(4)}`, ...opts.config };
    const log = opts.log ?? logger().child({ component: "engine" });
    this.notifier = opts.listenUrl
      ? new PgNotifier(opts.listenUrl, () => this.doorbell.ring(), log, (text) => opts.sql.query(text))
      : undefined;
    this.ctx = {
      sql: opts.sql,
      clock: opts.clock ?? realClock,
      config,
      signingKey: opts.signingKey,
      appEndpoints: opts.appUrls === "any" ? undefined : opts.appUrls.map((url) => {
        const endpoint = endpointOf(url);
        if (!endpoint) throw new Error(`not a URL: ${url}`);
        return endpoint;
      }),
      log,
      random: opts.random ?? Math.random,
      observe: metricsObserver(opts.observe),
      wake: () => {
        this.doorbell.ring();
        this.notifier?.notify();
      },
      processEmitted: processPendingEvents,
    };
    this.kind = kind;
  }

  private readonly kind: string;

  /** Starts working the queue (and listening for other processes' wake-ups). */
  async start(): Promise<void> {
    if (this.worker) return;
    await this.notifier?.listen();
    this.worker = new Worker(this.ctx, this.doorbell, this.kind);
    this.worker.start();
  }

  /** SIGTERM behaviour: stop claiming, finish or release in-flight work within the deadline. */
  async stop(deadlineMs?: number): Promise<void> {
    await this.worker?.stop(deadlineMs);
    this.worker = undefined;
    await this.notifier?.close();
  }

  get working(): boolean {
    return this.worker !== undefined;
  }

  get inFlight(): number {
    return this.worker?.inFlightCount ?? 0;
  }

  /** Syncs the app served at `url` (in-band, signed). */
  sync(url: string): Promise<SyncResult> {
    return syncUrl(this.ctx, url);
  }

  /** Accepts events as `POST /e/{key}` does; returns their ids. */
  send(events: unknown): Promise<string[]> {
    return ingestEvents(this.ctx, events);
  }

  /** Runs periodic work once (due crons, unprocessed events); tests call it after moving time. */
  maintain(): Promise<void> {
    return maintain(this.ctx);
  }

  prune(): Promise<{ runs: number; events: number }> {
    return prune(this.ctx);
  }
}
