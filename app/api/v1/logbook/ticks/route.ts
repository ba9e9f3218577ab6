// GET /api/v1/logbook/ticks – cleaned ticks, filtered, with cursor pagination
import { apiRoute } from "@/lib/api";
import { listLogbookTicksOperation } from "@/lib/logbook/operations";
import { listTicks, presentTick } from "@/lib/logbook/store/read-ticks";

export const GET = apiRoute(listLogbookTicksOperation, async ({ query, auth }) => {
  const page = await listTicks(auth.workspace.id, {
    sourceId: query.source_id,
    discipline: query.discipline,
    send: query.send,
    cursor: query.cursor,
    limit: query.limit,
  });
  return { data: page.ticks.map(presentTick), next_cursor: page.nextCursor };
});
