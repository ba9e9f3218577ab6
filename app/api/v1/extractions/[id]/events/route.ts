// GET /api/v1/extractions/{id}/events – an extraction job's timeline
import { getExtractionJob, listEvents } from "@/lib/documents";
import { listExtractionEventsOperation } from "@/lib/documents/operations";
import { apiRoute } from "@/lib/api";

export const GET = apiRoute(listExtractionEventsOperation, async ({ auth, params, query }) => {
  await getExtractionJob(auth.workspace.id, params.id);
  return listEvents(auth.workspace.id, "job", params.id, query);
});
