// GET /api/v1/invitations – pending invitations of the current workspace
import { apiRoute } from "@/lib/api";
import { invitationJson, listInvitations } from "@/lib/workspaces/invitations";
import { listInvitationsOperation } from "@/lib/workspaces/operations";

export const GET = apiRoute(listInvitationsOperation, async ({ auth }) => ({
  invitations: (await listInvitations(auth)).map(invitationJson),
}));
