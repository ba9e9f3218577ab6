import { conflict, notFound } from "@/lib/errors";
import type { EngineContext } from "../context";
import { inTransaction } from "../store/scope";
import { finishRunTx } from "./finish-run";

export type RunScope = { workspaceId?: string };

/** The engine context for operator actions: the embedded engine's (or an intake-only one). */
export async function operatorContext(): Promise<EngineContext> {
  const { engineMode } = await import("../mode");
  if (engineMode() !== "embedded") throw conflict("runs are executed by Inngest (external mode); manage them there");
  const { intakeContext } = await import("../embedded");
  return intakeContext();
}

/**
 * Cancels a queued or running run: it stops at once (a call in flight is abandoned and its result
 * dropped), `inngest/function.cancelled` is emitted, and onFailure handlers do not run.
 * With `workspaceId`, only that workspace's runs are visible (others answer 404).
 */
export async function cancelRun(runId: string, scope: RunScope = {}, ctx?: EngineContext): Promise<{ cancelled: boolean }> {
  const engine = ctx ?? (await operatorContext());
  const [run] = await engine.sql.query<{ status: string; workspace_id: string | null }>(
    `SELECT status, workspace_id FROM engine_runs WHERE id = $1`,
    [runId],
  );
  if (!run || (scope.workspaceId !== undefined && run.workspace_id !== scope.workspaceId)) throw notFound("Run");
  if (run.status !== "queued" && run.status !== "running") return { cancelled: false };
  const cancelled = await inTransaction(engine, (s) => finishRunTx(s, engine, runId, { status: "cancelled", reason: "api" }));
  return { cancelled };
}
