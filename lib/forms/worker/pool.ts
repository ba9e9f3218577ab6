import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { AppError } from "@/lib/errors";
import { formsError } from "../error-types";
import type { SerializedError, WorkerReply, WorkerRequest, WorkerTask } from "./protocol";

export type RunOptions = {
  /** Tasks of one job share a group; groups take turns, so one big document cannot starve others. */
  group?: string;
  /** Upload checks jump the queue: a user is waiting on them. */
  priority?: "high" | "normal";
  onProgress?: (pageIndex: number, pageCount: number) => void;
  transfer?: ArrayBuffer[];
};

export type PoolOptions = {
  size: number;
  /** Idle workers exit after this long, releasing their memory. */
  idleMs?: number;
  /** A task running longer is stopped (its worker is replaced) and fails. */
  taskTimeoutMs?: number;
  /** V8 heap limit per worker; a document that needs more fails instead of starving the server. */
  maxHeapMb?: number;
  /** The worker entry (TypeScript, loaded through tsx). */
  entry?: string;
};

type Job = { id: number; task: WorkerTask; options: RunOptions; resolve: (v: unknown) => void; reject: (e: unknown) => void };
type Slot = { worker: Worker; job?: Job; idle?: NodeJS.Timeout; timeout?: NodeJS.Timeout };

/**
 * A fixed number of worker threads for the CPU-heavy parts of the forms pipeline (parsing,
 * rendering, detection, writing), so the web server's event loop never runs them and CPU use stays
 * capped at `size` cores however many jobs run at once.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly urgent: Job[] = [];
  private readonly groups = new Map<string, Job[]>();
  private turn: string[] = [];
  private nextId = 1;
  private closed = false;
  private readonly bootstrap: string;
  private readonly entry: string;

  constructor(private readonly options: PoolOptions) {
    const dir = path.join(process.cwd(), "lib", "forms", "worker");
    this.bootstrap = path.join(dir, "bootstrap.mjs");
    this.entry = options.entry ?? path.join(dir, "page-worker.ts");
  }

  get size(): number {
    return this.options.size;
  }

  run<T>(task: WorkerTask, options: RunOptions = {}): Promise<T> {
    if (this.closed) return Promise.reject(new Error("The forms worker pool is closed"));
    return new Promise<T>((resolve, reject) => {
      const job: Job = { id: this.nextId++, task, options, resolve: resolve as (v: unknown) => void, reject };
      if (options.priority === "high") this.urgent.push(job);
      else {
        const group = options.group ?? "";
        if (!this.groups.has(group)) {
          this.groups.set(group, []);
          this.turn.push(group);
        }
        this.groups.get(group)!.push(job);
      }
      this.dispatch();
    });
  }

  /** Drops a group's queued tasks (they fail); tasks already running finish. */
  cancel(group: string): void {
    const queue = this.groups.get(group);
    if (!queue) return;
    this.groups.delete(group);
    this.turn = this.turn.filter((g) => g !== group);
    for (const job of queue) job.reject(new Error("Cancelled"));
  }

  /** Stops every worker; queued and running tasks fail. */
  async close(): Promise<void> {
    this.closed = true;
    const pending = [...this.urgent, ...[...this.groups.values()].flat()];
    this.urgent.length = 0;
    this.groups.clear();
    this.turn = [];
    for (const job of pending) job.reject(new Error("The forms worker pool is closed"));
    await Promise.all(this.slots.splice(0).map((s) => this.stop(s, new Error("The forms worker pool is closed"))));
  }

  private next(): Job | undefined {
    if (this.urgent.length > 0) return this.urgent.shift();
    while (this.turn.length > 0) {
      const group = this.turn.shift()!;
      const queue = this.groups.get(group)!;
      const job = queue.shift();
      if (queue.length > 0) this.turn.push(group);
      else this.groups.delete(group);
      if (job) return job;
    }
    return undefined;
  }

  private dispatch(): void {
    for (;;) {
      let slot = this.slots.find((s) => !s.job);
      if (!slot && this.slots.length < this.options.size && this.hasWork()) slot = this.spawn();
      if (!slot) return;
      const job = this.next();
      if (!job) return;
      this.assign(slot, job);
    }
  }

  private hasWork(): boolean {
    return this.urgent.length > 0 || this.turn.length > 0;
  }

  private assign(slot: Slot, job: Job): void {
    clearTimeout(slot.idle);
    slot.job = job;
    slot.worker.ref();
    slot.worker.postMessage({ id: job.id, task: job.task } satisfies WorkerRequest, job.options.transfer ?? []);
  }

  private spawn(): Slot {
    if (!fs.existsSync(this.bootstrap)) throw new Error(`Forms worker script not found at ${this.bootstrap} (the app must run from its root)`);
    const worker = new Worker(this.bootstrap, {
      workerData: { entry: this.entry },
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb ?? 1536 },
    });
    const slot: Slot = { worker };
    this.slots.push(slot);
    worker.on("message", (reply: WorkerReply) => this.onReply(slot, reply));
    worker.on("error", (error) => this.onExit(slot, error));
    worker.on("exit", (code) => this.onExit(slot, new Error(`Forms worker exited with code ${code}`)));
    return slot;
  }

  private onReply(slot: Slot, reply: WorkerReply): void {
    const job = slot.job;
    if (!job || job.id !== reply.id) return;
    if (reply.type === "started") {
      slot.timeout = setTimeout(() => {
        void this.stop(slot, formsError("PdfTooComplexError", "A page took too long to process; the PDF may be too complex"));
      }, this.options.taskTimeoutMs ?? 300_000);
      slot.timeout.unref();
      return;
    }
    if (reply.type === "progress") {
      job.options.onProgress?.(reply.pageIndex, reply.pageCount);
      return;
    }
    clearTimeout(slot.timeout);
    slot.job = undefined;
    if (reply.type === "done") job.resolve(reply.result);
    else job.reject(deserialize(reply.error));
    this.idle(slot);
    this.dispatch();
  }

  private idle(slot: Slot): void {
    if (slot.job) return;
    slot.worker.unref();
    clearTimeout(slot.idle);
    slot.idle = setTimeout(() => void this.stop(slot), this.options.idleMs ?? 30_000);
    slot.idle.unref();
  }

  private onExit(slot: Slot, error: Error): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    clearTimeout(slot.timeout);
    clearTimeout(slot.idle);
    const job = slot.job;
    slot.job = undefined;
    if (job) {
      const oom = (error as NodeJS.ErrnoException).code === "ERR_WORKER_OUT_OF_MEMORY";
      job.reject(oom ? formsError("PdfTooComplexError", "The PDF needs more memory to process than allowed") : error);
    }
    if (!this.closed) this.dispatch();
  }

  private async stop(slot: Slot, error?: Error): Promise<void> {
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    clearTimeout(slot.timeout);
    clearTimeout(slot.idle);
    const job = slot.job;
    slot.job = undefined;
    if (job) job.reject(error ?? new Error("Forms worker stopped"));
    await slot.worker.terminate();
    if (!this.closed) this.dispatch();
  }
}

function deserialize(error: SerializedError): Error {
  if (error.app) return new AppError(error.app.type, error.message, error.app.status, error.app.details as AppError["details"]);
  const e = new Error(error.message);
  e.name = error.name;
  return e;
}

const KEY = Symbol.for("conveyor.forms.pool");
type Holder = { [KEY]?: WorkerPool };

/** The process's forms pool, `concurrency` workers (0: one per core); created on first use. */
export function formsPool(concurrency: number): WorkerPool {
  const g = globalThis as Holder;
  const size = concurrency > 0 ? concurrency : os.availableParallelism();
  if (!g[KEY] || g[KEY].size !== size) {
    void g[KEY]?.close();
    g[KEY] = new WorkerPool({ size });
  }
  return g[KEY];
}
