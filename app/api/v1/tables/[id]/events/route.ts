// GET /api/v1/tables/{id}/events – the table's timeline (its exports)
import { getTable, listEvents } from "@/lib/documents";
import { listTableEventsOperation } from "@/lib/documents/operations";
import { apiRoute } from "@/lib/api";

export const GET = apiRoute(listTableEventsOperation, async ({ auth, params, query }) => {
  await getTable(auth.workspace.id, params.id);
  return listEvents(auth.workspace.id, "table", params.id, query);
});
