import type { Sql } from "@/lib/db";
import type { Logger } from "@/lib/logging";
import type { Clock } from "./clock";

export type EngineConfig = {
  /** Identifies this process in leases and the workers table. */
  workerId: string;
  /** Requests in flight at once in this process. */
  concurrency: number;
  leaseMs: number;
  requestTimeoutMs: number;
  shutdownTimeoutMs: number;
  retentionMs: number;
  /** Longest idle wait between queue checks when nothing wakes the worker. */
  pollMs: number;
  /**
   * auto: apps whose SDK checkpoints (inngest-js v4+) get `fn_id`/`qi_id`, run steps back to back in
   * one call and report each through /v1/checkpoint; off: the classic one-call-per-step protocol.
   */
  checkpointing: "auto" | "off";
  /** false: step memoization commits without waiting for the WAL flush (see docs/engine.md). */
  synchronousCommit: boolean;
  /** A fixed delay before every retry (development and tests); 0 keeps Inngest's backoff. */
  retryIntervalMs: number;
};

/** Everything engine code needs, passed explicitly (tests build their own). */
export type EngineContext = {
  sql: Sql;
  clock: Clock;
  config: EngineConfig;
  /** Signs calls to SDK endpoints; unset means unsigned calls (SDKs in dev mode). */
  signingKey?: string;
  /**
   * The serve endpoints (origin + path) apps may register; a sync naming any other URL is refused.
   * Unset accepts any URL: only the standalone engine started with --dev, like `inngest-cli dev`.
   */
  appEndpoints?: string[];
  log: Logger;
  /** Jitter source (tests pin it). */
  random: () => number;
  /** Tells workers (here and, on PostgreSQL, in other processes) that work is due. */
  wake: () => void;
  /**
   * Handles the events a committed transaction emitted: their triggers and the runs waiting for
   * them (events/process-events). Passed in by whoever builds the context, because the store's
   * after-commit step (store/scope) sits below event processing, which itself runs in scopes.
   */
  processEmitted: (ctx: EngineContext, eventIds: string[]) => Promise<unknown>;
  /** Observers for tests and metrics. */
  observe?: EngineObserver;
};

export type EngineObserver = {
  stepMemoized?: (runId: string, stepId: string, at: number) => void;
  /** A step.run result was stored: how long the step itself ran (SDK timing, else call start to result). */
  stepFinished?: (functionId: string, seconds: number, status: string) => void;
  runFinished?: (runId: string, status: string) => void;
  callStarted?: (runId: string, stepId: string | null) => void;
  callFinished?: (functionId: string, seconds: number, outcome: string) => void;
};

export const ACTIVE = ["queued", "running"] as const;
export const FINAL = ["completed", "failed", "cancelled"] as const;
