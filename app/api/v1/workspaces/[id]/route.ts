// PATCH /api/v1/workspaces/{id} – rename a workspace (owners)
import { apiRoute } from "@/lib/api";
import { renameWorkspaceOperation } from "@/lib/workspaces/operations";
import { renameWorkspace, workspaceJson } from "@/lib/workspaces/workspaces";

export const PATCH = apiRoute(renameWorkspaceOperation, async ({ auth, params, body }) => ({
  workspace: workspaceJson(await renameWorkspace(auth, params.id, body.name)),
}));
