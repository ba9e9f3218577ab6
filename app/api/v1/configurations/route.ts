// POST /api/v1/configurations – create an extraction configuration; GET – list them
import { createConfiguration, listConfigurations, presentConfiguration } from "@/lib/documents";
import { createConfigurationOperation, listConfigurationsOperation } from "@/lib/documents/operations";
import { apiRoute } from "@/lib/api";
import { json } from "@/lib/http";

export const POST = apiRoute(createConfigurationOperation, async ({ auth, body }) =>
  json(presentConfiguration(await createConfiguration(auth.workspace.id, auth.user.id, body), { versions: true }), 201),
);

export const GET = apiRoute(listConfigurationsOperation, async ({ auth, query }) => listConfigurations(auth.workspace.id, query));
