import { z } from "zod";
import type { EngineContext } from "./context";
import { lockActiveRun, resolveStepTx } from "./runs/resolve-step";
import { inTransaction } from "./store/scope";
import { at } from "./store/sql";

/** The body of `POST /v1/signals` (inngest-js `inngest.sendSignal`, `step.sendSignal`). */
const signalSchema = z.object({ signal: z.string().min(1).max(1024), data: z.unknown().optional() });

export type SignalReply = { status: number; body: Record<string, unknown> };

/**
 * Delivers a signal to the run waiting for it (`step.waitForSignal`): its step resolves with
 * `{signal, data}` and the run goes on. Answers `{data: {run_id}}`, or 404 when no run waits for
 * the signal (the SDK reads that as "sent, nobody resumed": `runId` undefined).
 */
export async function sendSignal(ctx: EngineContext, body: unknown): Promise<SignalReply> {
  const parsed = signalSchema.safeParse(body);
  if (!parsed.success) return { status: 400, body: { status: 400, error: "expected {signal: non-empty string, data?: any}" } };
  const { signal, data } = parsed.data;
  const output = { signal, data: data ?? null };
  // A wait replaced (or resolved) between the lookup and the delete is looked up again.
  for (let tries = 0; tries < 3; tries++) {
    const outcome = await inTransaction(ctx, async (scope): Promise<string | "retry" | null> => {
      const now = ctx.clock.now();
      const [pause] = await scope.tx.query<{ id: string; run_id: string; step_id: string }>(
        `SELECT id, run_id, step_id FROM engine_pauses WHERE kind = 'signal' AND event_name = $1 AND expires_at > $2
         ORDER BY created_at DESC, id DESC LIMIT 1`,
        [signal, at(now)],
      );
      if (!pause) return null;
      // The run's row first, then the pause: the order planning a wait takes them in.
      if (!(await lockActiveRun(scope, pause.run_id))) return "retry";
      const [gone] = await scope.tx.query(`DELETE FROM engine_pauses WHERE id = $1 AND kind = 'signal' RETURNING id`, [pause.id]);
      if (!gone) return "retry";
      return (await resolveStepTx(scope, ctx, pause.run_id, pause.step_id, output, { status: "completed" })) ? pause.run_id : "retry";
    });
    if (outcome === null) break;
    if (outcome !== "retry") return { status: 200, body: { data: { run_id: outcome } } };
  }
  return { status: 404, body: { status: 404, error: "no run is waiting for this signal" } };
}
