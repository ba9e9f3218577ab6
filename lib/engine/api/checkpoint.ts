import type { EngineContext } from "../context";
import { MAX_OUTPUT_BYTES, MAX_STEPS } from "../executor/limits";
import { memoizeFenced, stepRecord, type StepRecord } from "../executor/memoize";
import { LAZY_OPS, saveDeferOps } from "../defers";
import { opMetadata, saveMetadata } from "../metadata";
import { OP, type Op } from "../protocol/types";

export type CheckpointReply = { status: number; body: Record<string, unknown> };

const reply = (status: number, body: Record<string, unknown> = {}): CheckpointReply => ({ status, body });
const STORED = new Set<string>([OP.StepRun, OP.Step]);

/** `qi_id` as the engine sends it: `<queue item id>:<lease token>`. */
export function checkpointRef(itemId: string, leaseToken: string): string {
  return `${itemId}:${leaseToken}`;
}

/**
 * `POST /v1/checkpoint/{runId}/async`: an SDK that runs steps back to back within one call
 * reports each finished step here before it runs the next one (inngest-js v4 with the engine's
 * `fn_id` and `qi_id`). A checkpointed step is memoized exactly like a step returned in a
 * response: fenced by the lease of the queue item the call came from (`qi_id`), first write wins.
 *
 * Answers as Inngest does: 200 once stored; 409 when the call's lease is gone (the run was
 * taken over, cancelled or finished), which makes the SDK stop at once instead of running
 * steps nobody will keep; 413 for an output over 4 MB and 400 for anything unreadable, which
 * make the SDK fall back to returning the step in its response, where the engine fails it
 * properly. `text` is the raw body (its length bounds every step's output).
 */
export async function handleCheckpoint(ctx: EngineContext, runId: string, text: string): Promise<CheckpointReply> {
  let body: { qi_id?: unknown; steps?: unknown; request_started_at?: unknown };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return reply(400, { error: "the body is not valid JSON" });
  }
  if (!body || typeof body !== "object") return reply(400, { error: "the body must be an object" });
  const ref = typeof body.qi_id === "string" ? /^(\d+):([0-9a-f]+)$/.exec(body.qi_id) : null;
  if (!ref) return reply(400, { error: "qi_id must be the queue item reference the engine sent" });
  if (!Array.isArray(body.steps)) return reply(400, { error: "steps must be an array" });

  const now = ctx.clock.now();
  const started = typeof body.request_started_at === "number" ? Math.min(body.request_started_at, now) : now;
  const records: StepRecord[] = [];
  const lazy: Op[] = [];
  for (const raw of body.steps as Op[]) {
    if (!raw || typeof raw !== "object" || typeof raw.op !== "string" || typeof raw.id !== "string") {
      return reply(400, { error: "every step needs an op and an id" });
    }
    // The SDK announces steps about to run (Inngest draws them as in progress); nothing to keep.
    if (raw.op === OP.StepPlanned) continue;
    if (LAZY_OPS.has(raw.op)) {
      lazy.push(raw);
      continue;
    }
    if (!STORED.has(raw.op)) return reply(400, { error: `cannot checkpoint opcode ${raw.op}` });
    const data = raw.data === undefined ? null : raw.data;
    if (text.length > MAX_OUTPUT_BYTES && (JSON.stringify(data)?.length ?? 0) > MAX_OUTPUT_BYTES) {
      return reply(413, { error: `step ${raw.id}: output is larger than 4 MB` });
    }
    records.push(stepRecord(raw, { data }, "completed", started, now));
  }
  // Defers are kept even when the lease has moved on: recording one twice changes nothing.
  if (lazy.length) await saveDeferOps(ctx.sql, runId, lazy, now);
  if (records.length === 0) return reply(200);

  const write = await memoizeFenced(ctx, { itemId: ref[1], token: ref[2], runId }, records, { maxSteps: MAX_STEPS });
  if (write.held) {
    const written = new Set(write.written);
    for (const raw of body.steps as Op[]) {
      const updates = written.has(raw.id) ? opMetadata(raw) : [];
      if (updates.length) await saveMetadata(ctx.sql, runId, raw.id, updates, now);
    }
    return reply(200);
  }
  if (write.total !== undefined && write.total + records.length > MAX_STEPS) {
    return reply(400, { error: `a run may have at most ${MAX_STEPS} steps` });
  }
  return reply(409, { error: "stale dispatch: this call no longer holds the run (taken over, cancelled or finished)" });
}
