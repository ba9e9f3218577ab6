import type { AuthContext } from "@/lib/auth/types";
import { getRun, listRuns, type RunStatus } from "@/lib/engine";
import { runsViewer } from "./access";
import { toRunResponse, toRunSummaryResponse } from "./presenter";
import type { ListRunsQueryInput, RunResponse, RunSummaryResponse } from "./schemas";

/** A page of the runs the caller may see, newest first. */
export async function listRunsFor(
  auth: AuthContext,
  query: Partial<ListRunsQueryInput>,
): Promise<{ data: RunSummaryResponse[]; next_cursor: string | null }> {
  const { scope } = runsViewer(auth, "runs.read");
  const page = await listRuns({
    ...scope,
    functionId: query.function,
    status: query.status as RunStatus | RunStatus[] | undefined,
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
    cursor: query.cursor,
    limit: query.limit ?? 20,
  });
  return { data: page.runs.map(toRunSummaryResponse), next_cursor: page.nextCursor };
}

/** One run with its event, attempts and steps; another workspace's run is a 404. */
export async function getRunFor(auth: AuthContext, runId: string, opts: { maxValueBytes?: number } = {}): Promise<RunResponse> {
  const { scope } = runsViewer(auth, "runs.read");
  return toRunResponse(await getRun(runId, scope), opts);
}
