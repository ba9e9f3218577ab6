// GET /api/v1/jobs/{id}/events – the job's timeline, oldest first
import { apiRoute } from "@/lib/api";
import { listJobEvents, toJobEventResponse } from "@/lib/jobs";
import { listJobEventsOperation } from "@/lib/jobs/operations";

export const GET = apiRoute(listJobEventsOperation, async ({ auth, params, query }) => {
  const { events, hasMore } = await listJobEvents(auth.workspace.id, params.id, query);
  return {
    data: events.map(toJobEventResponse),
    has_more: hasMore,
    next_after: events.length > 0 ? events[events.length - 1].id.toString() : (query.after ?? null),
  };
});
