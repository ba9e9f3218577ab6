// GET /api/v1/configurations/{id}/events – the configuration's timeline
import { getConfiguration, listEvents } from "@/lib/documents";
import { listConfigurationEventsOperation } from "@/lib/documents/operations";
import { apiRoute } from "@/lib/api";

export const GET = apiRoute(listConfigurationEventsOperation, async ({ auth, params, query }) => {
  await getConfiguration(auth.workspace.id, params.id);
  return listEvents(auth.workspace.id, "configuration", params.id, query);
});
