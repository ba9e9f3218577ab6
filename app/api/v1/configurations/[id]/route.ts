// GET /api/v1/configurations/{id} – with its versions; PATCH – a new version; DELETE
import { deleteConfiguration, getConfiguration, presentConfiguration, updateConfiguration } from "@/lib/documents";
import { deleteConfigurationOperation, getConfigurationOperation, updateConfigurationOperation } from "@/lib/documents/operations";
import { apiRoute } from "@/lib/api";
import { noContent } from "@/lib/http";

export const GET = apiRoute(getConfigurationOperation, async ({ auth, params }) =>
  presentConfiguration(await getConfiguration(auth.workspace.id, params.id, { allVersions: true }), { versions: true }),
);

export const PATCH = apiRoute(updateConfigurationOperation, async ({ auth, params, body }) =>
  presentConfiguration(await updateConfiguration(auth.workspace.id, auth.user.id, params.id, body), { versions: true }),
);

export const DELETE = apiRoute(deleteConfigurationOperation, async ({ auth, params }) => {
  await deleteConfiguration(auth.workspace.id, params.id);
  return noContent();
});
