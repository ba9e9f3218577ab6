import { isVirtualClock } from "./clock";
import type { EngineContext } from "./context";
import type { Doorbell } from "./doorbell";
import { processItem } from "./executor/process-item";
import { forgetWorker, maintain, prune, recordWorker } from "./maintenance";
import { claimItems, claimLimitedItems, heartbeat, nextDueAt, releaseItem, type QueueItem } from "./store/queue";

type InFlight = { item: QueueItem; controller: AbortController; done: Promise<void> };

const PRUNE_EVERY_MS = 10 * 60_000;
const RECORD_EVERY_MS = 15_000;

/**
 * Works the queue: claims due items up to the concurrency limit, processes each, renews their
 * leases, and runs periodic work (crons, the event sweeper, retention). Several workers, in one
 * process or many, share a database safely.
 */
export class Worker {
  private running = false;
  private inflight = new Map<string, InFlight>();
  private loops: Promise<void>[] = [];
  private stopController = new AbortController();
  private startedAt = 0;
  private unsubscribe?: () => void;

  constructor(
    private readonly ctx: EngineContext,
    private readonly doorbell: Doorbell,
    private readonly kind: string,
  ) {}

  get inFlightCount(): number {
    return this.inflight.size;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.startedAt = this.ctx.clock.now();
    const clock = this.ctx.clock;
    if (isVirtualClock(clock)) {
      // Moving virtual time: leases first (so nothing in flight looks expired), then wake up.
      this.unsubscribe = clock.onAdvance(() => {
        void this.renewLeases().finally(() => this.doorbell.ring());
      });
    }
    this.loops = [this.claimLoop(), this.every(this.ctx.config.leaseMs / 3, () => this.renewLeases()), this.maintenanceLoop()];
  }

  /** Stops claiming, lets in-flight work finish until the deadline, then gives the rest back. */
  async stop(deadlineMs = this.ctx.config.shutdownTimeoutMs): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.unsubscribe?.();
    this.doorbell.ring();
    const pending = [...this.inflight.values()];
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled(pending.map((p) => p.done)),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, deadlineMs))),
    ]);
    clearTimeout(timer);
    const left = [...this.inflight.values()];
    for (const p of left) p.controller.abort();
    await Promise.allSettled(left.map((p) => releaseItem(this.ctx, p.item)));
    if (left.length) this.ctx.log.warn({ released: left.length }, "engine: shutdown deadline reached; claims released");
    this.stopController.abort();
    await Promise.allSettled(this.loops);
    await forgetWorker(this.ctx);
  }

  private async claimLoop(): Promise<void> {
    while (this.running) {
      const free = this.ctx.config.concurrency - this.inflight.size;
      let claimed = 0;
      if (free > 0) {
        this.doorbell.clear();
        try {
          const exclude = [...this.inflight.keys()];
          const items = await claimItems(this.ctx, free, exclude);
          if (items.length < free) items.push(...(await claimLimitedItems(this.ctx, free - items.length, exclude)));
          for (const item of items) this.launch(item);
          claimed = items.length;
        } catch (error) {
          this.ctx.log.error({ err: error }, "engine: claiming work failed");
        }
        if (claimed === free) continue;
      }
      await this.idle(free > 0);
    }
  }

  /** Waits for a doorbell ring (new work, a free slot), the next due item, or the poll interval. */
  private async idle(checkDue: boolean): Promise<void> {
    let wait = this.ctx.config.pollMs;
    if (checkDue && !isVirtualClock(this.ctx.clock)) {
      const due = await nextDueAt(this.ctx).catch(() => null);
      if (due !== null) wait = Math.min(wait, Math.max(due - this.ctx.clock.now(), 5));
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.doorbell.wait(),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, wait))),
    ]);
    clearTimeout(timer);
  }

  private launch(item: QueueItem): void {
    const controller = new AbortController();
    const done = processItem(this.ctx, item, controller.signal, () => !this.running)
      .catch(async (error) => {
        this.ctx.log.error({ err: error, run_id: item.runId }, "engine: processing an item failed; it will be retried");
        await releaseItem(this.ctx, item).catch(() => {});
      })
      .finally(() => {
        this.inflight.delete(item.id);
        this.doorbell.ring();
      });
    this.inflight.set(item.id, { item, controller, done });
  }

  private async renewLeases(): Promise<void> {
    const held = [...this.inflight.values()];
    if (held.length === 0) return;
    try {
      const lost = await heartbeat(this.ctx, held.map((h) => h.item));
      for (const h of held) {
        if (lost.has(h.item.id)) {
          this.ctx.log.warn({ run_id: h.item.runId }, "engine: lease lost; another worker took the item over");
          h.controller.abort();
        }
      }
    } catch (error) {
      this.ctx.log.warn({ err: error }, "engine: renewing leases failed");
    }
  }

  private async maintenanceLoop(): Promise<void> {
    let lastPrune = 0;
    let lastRecord = 0;
    while (this.running) {
      const now = Date.now();
      try {
        await maintain(this.ctx);
        if (now - lastRecord >= RECORD_EVERY_MS) {
          lastRecord = now;
          await recordWorker(this.ctx, this.kind, this.inflight.size, this.startedAt);
        }
        if (now - lastPrune >= PRUNE_EVERY_MS) {
          lastPrune = now;
          await prune(this.ctx);
        }
      } catch (error) {
        if (this.running) this.ctx.log.error({ err: error }, "engine: periodic work failed");
      }
      await this.pause(isVirtualClock(this.ctx.clock) ? 50 : 1000);
    }
  }

  private async every(ms: number, fn: () => Promise<void>): Promise<void> {
    while (this.running) {
      await this.pause(ms);
      if (this.running) await fn();
    }
  }

  private pause(ms: number): Promise<void> {
    const signal = this.stopController.signal;
    if (signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener("abort", done, { once: true });
    });
  }
}
