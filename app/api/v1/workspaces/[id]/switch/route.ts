// POST /api/v1/workspaces/{id}/switch – make it the active workspace of this browser session
import { workspaceCookie } from "@/lib/auth/cookies";
import { apiRoute } from "@/lib/api";
import { json } from "@/lib/http";
import { switchWorkspaceOperation } from "@/lib/workspaces/operations";
import { switchWorkspace, workspaceJson } from "@/lib/workspaces/workspaces";

export const POST = apiRoute(switchWorkspaceOperation, async ({ auth, params }) => {
  const workspace = await switchWorkspace(auth, params.id);
  return json({ workspace: workspaceJson(workspace) }, 200, { "set-cookie": workspaceCookie(workspace.id) });
});
