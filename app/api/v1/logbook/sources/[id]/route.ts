// DELETE /api/v1/logbook/sources/{id} – disconnect a logbook with its ticks and pyramids
import { apiRoute } from "@/lib/api";
import { noContent } from "@/lib/http";
import { deleteLogbookSourceOperation } from "@/lib/logbook/operations";
import { deleteSource } from "@/lib/logbook/store/sources";

export const DELETE = apiRoute(deleteLogbookSourceOperation, async ({ params, auth }) => {
  await deleteSource(auth.workspace.id, params.id);
  return noContent();
});
