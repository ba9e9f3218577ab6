// GET /api/v1/logbook/sources – the workspace's connected logbooks
import { apiRoute } from "@/lib/api";
import { listLogbookSourcesOperation } from "@/lib/logbook/operations";
import { listSources, presentSource } from "@/lib/logbook/store/sources";

export const GET = apiRoute(listLogbookSourcesOperation, async ({ auth }) => ({
  data: (await listSources(auth.workspace.id)).map(presentSource),
}));
