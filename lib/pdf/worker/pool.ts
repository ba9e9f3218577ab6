import fs from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { AppError } from "@/lib/errors";
import { pdfTooComplex } from "../errors";
import type { SerializedError, WorkerReply, WorkerRequest, WorkerTask } from "./protocol";

export type RunOptions = {
  /** Tasks of one job share a group; groups take turns, so one big document cannot starve others. */
  group?: string;
  /** Upload checks jump the queue: a user is waiting on them. */
  priority?: "high" | "normal";
  /**
   * Who the work is for (a workspace id). A tenant holds at most `maxPerTenant` threads at once,
   * upload checks included, so one workspace's hostile documents leave the others a thread.
   */
  tenant?: string;
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
  /** Threads one tenant may hold at once (tasks without a tenant are not counted); `tenantShare(size)` by default. */
  maxPerTenant?: number;
  /** The worker entry (TypeScript, loaded through tsx), which calls `serveTasks` (./serve.ts). */
  entry: string;
};

type Job = { id: number; task: WorkerTask; options: RunOptions; resolve: (v: unknown) => void; reject: (e: unknown) => void };
type Slot = { worker: Worker; job?: Job; idle?: NodeJS.Timeout; timeout?: NodeJS.Timeout };

/**
 * A fixed number of worker threads for CPU-heavy PDF work (parsing, rendering, a pipeline's own
 * page work), so the web server's event loop never runs them and CPU use stays capped at `size`
 * cores however many jobs run at once. Each task is bounded: `taskTimeoutMs` of wall time and
 * `maxHeapMb` of V8 heap; past either, its thread is replaced and the task fails with
 * PdfTooComplexError while the others carry on.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly urgent: Job[] = [];
  private readonly groups = new Map<string, Job[]>();
  private turn: string[] = [];
  private readonly running = new Map<string, number>();
  private nextId = 1;
  private closed = false;
  private readonly bootstrap: string;
  private readonly entry: string;

  constructor(private readonly options: PoolOptions) {
    this.bootstrap = path.join(process.cwd(), "lib", "pdf", "worker", "bootstrap.mjs");
    this.entry = options.entry;
  }

  get size(): number {
    return this.options.size;
  }

  /** Threads one tenant may hold at once. */
  get maxPerTenant(): number {
    return Math.max(1, Math.min(this.options.size, this.options.maxPerTenant ?? tenantShare(this.options.size)));
  }

  /** Threads a tenant holds now (for tests and metrics). */
  heldBy(tenant: string): number {
    return this.running.get(tenant) ?? 0;
  }

  run<T>(task: WorkerTask, options: RunOptions = {}): Promise<T> {
    if (this.closed) return Promise.reject(new Error("The PDF worker pool is closed"));
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
    for (const job of pending) job.reject(new Error("The PDF worker pool is closed"));
    await Promise.all(this.slots.splice(0).map((s) => this.stop(s, new Error("The PDF worker pool is closed"))));
  }

  /** The next job whose tenant is under its cap: urgent ones first, then groups in turn. Removes it from its queue. */
  private next(): Job | undefined {
    const urgent = this.urgent.findIndex((job) => this.runnable(job));
    if (urgent >= 0) return this.urgent.splice(urgent, 1)[0];
    for (let i = 0; i < this.turn.length; i++) {
      const group = this.turn[i];
      const queue = this.groups.get(group)!;
      const index = queue.findIndex((job) => this.runnable(job));
      if (index < 0) continue;
      const [job] = queue.splice(index, 1);
      this.turn.splice(i, 1);
      if (queue.length > 0) this.turn.push(group);
      else this.groups.delete(group);
      return job;
    }
    return undefined;
  }

  private runnable(job: Job): boolean {
    const tenant = job.options.tenant;
    return tenant === undefined || this.heldBy(tenant) < this.maxPerTenant;
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
    return this.urgent.some((job) => this.runnable(job)) || [...this.groups.values()].some((queue) => queue.some((job) => this.runnable(job)));
  }

  /** Takes the slot's job off it, and off its tenant's count. */
  private release(slot: Slot): Job | undefined {
    const job = slot.job;
    slot.job = undefined;
    const tenant = job?.options.tenant;
    if (tenant !== undefined) {
      const held = this.heldBy(tenant) - 1;
      if (held > 0) this.running.set(tenant, held);
      else this.running.delete(tenant);
    }
    return job;
  }

  private assign(slot: Slot, job: Job): void {
    clearTimeout(slot.idle);
    slot.job = job;
    const tenant = job.options.tenant;
    if (tenant !== undefined) this.running.set(tenant, this.heldBy(tenant) + 1);
    slot.worker.ref();
    slot.worker.postMessage({ id: job.id, task: job.task } satisfies WorkerRequest, job.options.transfer ?? []);
  }

  private spawn(): Slot {
    if (!fs.existsSync(this.bootstrap)) throw new Error(`PDF worker script not found at ${this.bootstrap} (the app must run from its root)`);
    const worker = new Worker(this.bootstrap, {
      workerData: { entry: this.entry },
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb ?? 1024 },
    });
    const slot: Slot = { worker };
    this.slots.push(slot);
    worker.on("message", (reply: WorkerReply) => this.onReply(slot, reply));
    worker.on("error", (error) => this.onExit(slot, error));
    worker.on("exit", (code) => this.onExit(slot, new Error(`PDF worker exited with code ${code}`)));
    return slot;
  }

  private onReply(slot: Slot, reply: WorkerReply): void {
    const job = slot.job;
    if (!job || job.id !== reply.id) return;
    if (reply.type === "started") {
      slot.timeout = setTimeout(() => {
        void this.stop(slot, pdfTooComplex("A page took too long to process; the PDF may be too complex", { limit_ms: this.options.taskTimeoutMs ?? 60_000 }));
      }, this.options.taskTimeoutMs ?? 60_000);
      slot.timeout.unref();
      return;
    }
    if (reply.type === "progress") {
      job.options.onProgress?.(reply.pageIndex, reply.pageCount);
      return;
    }
    clearTimeout(slot.timeout);
    this.release(slot);
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
    const job = this.release(slot);
    if (job) {
      const oom = (error as NodeJS.ErrnoException).code === "ERR_WORKER_OUT_OF_MEMORY";
      job.reject(oom ? pdfTooComplex("The PDF needs more memory to process than allowed", { limit_heap_mb: this.options.maxHeapMb ?? 1024 }) : error);
    }
    if (!this.closed) this.dispatch();
  }

  private async stop(slot: Slot, error?: Error): Promise<void> {
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    clearTimeout(slot.timeout);
    clearTimeout(slot.idle);
    const job = this.release(slot);
    if (job) job.reject(error ?? new Error("PDF worker stopped"));
    await slot.worker.terminate();
    if (!this.closed) this.dispatch();
  }
}

/**
 * A tenant's default share of a pool: half its threads, rounded up, but never all of them when
 * there are two or more, so another tenant always finds one (2 threads: 1; 4: 2; 8: 4).
 */
export function tenantShare(size: number): number {
  return size <= 1 ? 1 : Math.min(size - 1, Math.ceil(size / 2));
}

function deserialize(error: SerializedError): Error {
  if (error.app) return new AppError(error.app.type, error.message, error.app.status, error.app.details as AppError["details"]);
  const e = new Error(error.message);
  e.name = error.name;
  return e;
}
