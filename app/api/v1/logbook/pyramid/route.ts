// GET /api/v1/logbook/pyramid – performance pyramids per discipline
import { apiRoute } from "@/lib/api";
import { getLogbookPyramidOperation } from "@/lib/logbook/operations";
import { readPyramids } from "@/lib/logbook/store/read-pyramids";
import { getSourceForJob } from "@/lib/logbook/store/sources";

export const GET = apiRoute(getLogbookPyramidOperation, async ({ query, auth }) => {
  if (query.source_id) await getSourceForJob({ workspaceId: auth.workspace.id, sourceId: query.source_id });
  return { disciplines: await readPyramids(auth.workspace.id, query.source_id) };
});
