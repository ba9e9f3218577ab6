// GET /api/v1/members – members and pending invitations; POST – add a member by email (owners)
import { apiRoute } from "@/lib/api";
import { json } from "@/lib/http";
import { inviteMember, invitationJson, listInvitations } from "@/lib/workspaces/invitations";
import { listMembers, memberJson } from "@/lib/workspaces/members";
import { inviteMemberOperation, listMembersOperation } from "@/lib/workspaces/operations";

export const GET = apiRoute(listMembersOperation, async ({ auth }) => {
  const [members, invitations] = await Promise.all([listMembers(auth), listInvitations(auth)]);
  return { members: members.map(memberJson), invitations: invitations.map(invitationJson) };
});

export const POST = apiRoute(inviteMemberOperation, async ({ auth, body }) =>
  json(await inviteMember(auth, body.email, body.role), 201),
);
