import type { AuthContext } from "@/lib/auth/types";
import { cancelRun, getRun, rerunRun, type RunDetail } from "@/lib/engine";
import { conflict } from "@/lib/errors";
import { runsViewer } from "./access";
import { toRunSummaryResponse } from "./presenter";
import type { RunSummaryResponse } from "./schemas";

function summaryOf(run: RunDetail): RunSummaryResponse {
  const name = (run.event as { name?: unknown } | null)?.name;
  return toRunSummaryResponse({
    ...run,
    eventName: typeof name === "string" ? name : "",
    retryAt: run.nextRetryAt,
    error: run.error as { name: string; message: string } | null,
  });
}

/**
 * Cancels a queued or running run at once (a call in flight is abandoned; onFailure does not run).
 * Cancelling a cancelled run changes nothing; a run that already completed or failed is a 409.
 */
export async function cancelRunAs(auth: AuthContext, runId: string): Promise<{ cancelled: boolean; run: RunSummaryResponse }> {
  const { scope } = runsViewer(auth, "runs.manage");
  const before = await getRun(runId, scope);
  if (before.status === "completed" || before.status === "failed") {
    throw conflict(`The run already ${before.status}; only queued or running runs can be cancelled`, { status: before.status });
  }
  const { cancelled } = await cancelRun(runId, scope);
  const after = await getRun(runId, scope);
  // It may have finished on its own between the check and the cancel.
  if (!cancelled && after.status !== "cancelled") {
    throw conflict(`The run already ${after.status}; only queued or running runs can be cancelled`, { status: after.status });
  }
  return { cancelled, run: summaryOf(after) };
}

/** Starts a new run of the same function with the same trigger event; answers the new run. */
export async function rerunRunAs(auth: AuthContext, runId: string): Promise<RunSummaryResponse> {
  const { scope } = runsViewer(auth, "runs.manage");
  const { runId: newRunId } = await rerunRun(runId, scope);
  return summaryOf(await getRun(newRunId, scope));
}
