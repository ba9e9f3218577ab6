import type { Child } from "./procs";

export type Shape = 1 | 10;

/** One job system under test: a fresh store per configuration, N worker processes, a way to start runs. */
export interface BenchSystem {
  readonly name: "conveyor" | "conveyor-embedded-api" | "conveyor-stub-sdk" | "bullmq" | "graphile-worker";
  /** What the store and the workers are, for the report. */
  readonly description: string;
  /** A fresh store (database, queue) and `workers` worker processes. */
  start(workers: number): Promise<void>;
  /** Starts one run of `shape` steps per token. */
  submit(shape: Shape, tokens: string[]): Promise<void>;
  /** Processes whose step marks are collected. */
  recorders(): Child[];
  /** Processes whose memory is reported as the system's (its workers). */
  workers(): Child[];
  /** Other processes the system needs (the Inngest app), reported separately. */
  companions(): Child[];
  /** Checks completion in the store itself after the step code finished. */
  verify(shape: Shape, count: number): Promise<{ completed: number; failed: number }>;
  /** Stops the workers and removes the store. */
  stop(): Promise<void>;
  /** Stops whatever `start` does not restart. */
  close(): Promise<void>;
}

export const SIGNING_KEY = `signkey-bench-${"cd34".repeat(16)}`;
export const CONCURRENCY = 32;
