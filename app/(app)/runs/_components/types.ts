/**
 * The run shapes the browser gets from `GET /api/v1/runs[/{id}]` (snake_case, as the API sends
 * them); server pages pass the same shapes (via lib/runs) as initial data. Types only: nothing of
 * lib/ reaches the client bundle.
 */
export type { RunFunctionResponse as RunFunctionView, RunResponse as RunView, RunStepResponse as RunStepView, RunSummaryResponse as RunSummaryView } from "@/lib/runs/schemas";

export type RunStatus = "queued" | "running" | "completed" | "failed" | "cancelled";

export const RUN_STATUS_OPTIONS: readonly RunStatus[] = ["queued", "running", "completed", "failed", "cancelled"];

export function isActiveRun(status: string): boolean {
  return status === "queued" || status === "running";
}

/** How much of each value the run page loads; bigger ones are previews with a link to the full JSON. */
export const PAGE_MAX_VALUE_BYTES = 16 * 1024;
