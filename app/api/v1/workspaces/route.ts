// GET /api/v1/workspaces – the caller's workspaces; POST – create one owned by the caller
import { apiRoute } from "@/lib/api";
import { json } from "@/lib/http";
import { createWorkspaceOperation, listWorkspacesOperation } from "@/lib/workspaces/operations";
import { createWorkspace, listWorkspaces, workspaceJson } from "@/lib/workspaces/workspaces";

export const GET = apiRoute(listWorkspacesOperation, async ({ auth }) => ({
  workspaces: (await listWorkspaces(auth)).map(workspaceJson),
}));

export const POST = apiRoute(createWorkspaceOperation, async ({ auth, body }) =>
  json({ workspace: workspaceJson(await createWorkspace(auth, body.name)) }, 201),
);
