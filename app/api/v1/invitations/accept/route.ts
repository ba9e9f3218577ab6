// POST /api/v1/invitations/accept – join a workspace with the token of an invitation link
import { workspaceCookie } from "@/lib/auth/cookies";
import { apiRoute } from "@/lib/api";
import { json } from "@/lib/http";
import { acceptInvitation } from "@/lib/workspaces/invitations";
import { acceptInvitationOperation } from "@/lib/workspaces/operations";
import { workspaceJson } from "@/lib/workspaces/workspaces";

export const POST = apiRoute(acceptInvitationOperation, async ({ auth, body }) => {
  const workspace = await acceptInvitation(auth, body.token);
  return json({ workspace: workspaceJson(workspace) }, 200, { "set-cookie": workspaceCookie(workspace.id) });
});
