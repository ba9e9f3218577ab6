// DELETE /api/v1/invitations/{id} – revoke a pending invitation (owners)
import { apiRoute } from "@/lib/api";
import { noContent } from "@/lib/http";
import { revokeInvitation } from "@/lib/workspaces/invitations";
import { revokeInvitationOperation } from "@/lib/workspaces/operations";

export const DELETE = apiRoute(revokeInvitationOperation, async ({ auth, params }) => {
  await revokeInvitation(auth, params.id);
  return noContent();
});
