// PATCH /api/v1/members/{user_id} – change a role; DELETE – remove a member (owners)
import { apiRoute } from "@/lib/api";
import { noContent } from "@/lib/http";
import { changeMemberRole, memberJson, removeMember } from "@/lib/workspaces/members";
import { changeMemberRoleOperation, removeMemberOperation } from "@/lib/workspaces/operations";

export const PATCH = apiRoute(changeMemberRoleOperation, async ({ auth, params, body }) => ({
  member: memberJson(await changeMemberRole(auth, params.user_id, body.role)),
}));

export const DELETE = apiRoute(removeMemberOperation, async ({ auth, params }) => {
  await removeMember(auth, params.user_id);
  return noContent();
});
