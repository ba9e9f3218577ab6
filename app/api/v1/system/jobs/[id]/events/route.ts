// GET /api/v1/system/jobs/{id}/events – a system job's timeline, oldest first, for operators
import { apiRoute } from "@/lib/api";
import { listSystemJobEvents, toJobEventResponse } from "@/lib/jobs";
import { listSystemJobEventsOperation } from "@/lib/jobs/operations";

export const GET = apiRoute(listSystemJobEventsOperation, async ({ auth, params, query }) => {
  const { events, hasMore } = await listSystemJobEvents(auth, params.id, query);
  return {
    data: events.map(toJobEventResponse),
    has_more: hasMore,
    next_after: events.length > 0 ? events[events.length - 1].id.toString() : (query.after ?? null),
  };
});
