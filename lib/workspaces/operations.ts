import { z } from "zod";
import { error } from "@/lib/auth/operations";
import { emailSchema, nameSchema, resourceIdSchema, roleSchema } from "@/lib/auth/schemas";
import { defineOperation } from "@/lib/http/operation";

const id = resourceIdSchema;
const workspaceName = nameSchema(100);

const memberSchema = z.object({
  user_id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  role: roleSchema,
  created_at: z.string(),
});
const invitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: roleSchema,
  created_at: z.string(),
  expires_at: z.string().nullable().describe("When the link stops working"),
  invited_by: z.object({ id: z.string(), email: z.string() }).nullable(),
});
const workspaceSchema = z.object({ id: z.string(), name: z.string(), slug: z.string(), role: roleSchema, created_at: z.string() });

export const listMembersOperation = defineOperation({
  method: "GET",
  path: "/api/v1/members",
  summary: "Members of the current workspace and its pending invitations",
  tags: ["members"],
  permission: "members.read",
  responses: {
    200: { description: "Members", schema: z.object({ members: z.array(memberSchema), invitations: z.array(invitationSchema) }) },
  },
});

export const inviteMemberOperation = defineOperation({
  method: "POST",
  path: "/api/v1/members",
  summary: "Invite someone by email (owners); returns the invitation link, once",
  description:
    "Creates a pending invitation and returns `invite_url`, shown only now: send it to the person. They join by opening it signed in with the invited email (signing up first if they have no account). Emails are not verified, so the address alone admits nobody; people signing in through SSO with a provider-verified email join at once. Inviting an email again issues a new link and expiry; the old link stops working.",
  tags: ["members"],
  permission: "members.manage",
  maxBodyBytes: 4096,
  body: z.object({ email: emailSchema, role: roleSchema.default("member") }),
  responses: {
    201: {
      description: "Invited",
      schema: z.object({ invitation: invitationSchema, invite_url: z.string().describe("The secret link for the invitee; never shown again") }),
    },
    409: error("Already a member"),
  },
});

export const acceptInvitationOperation = defineOperation({
  method: "POST",
  path: "/api/v1/invitations/accept",
  summary: "Accept an invitation with the token from its link (browser sessions)",
  description: "Adds the caller to the invitation's workspace and makes it the active one. The caller's email must be the invited one; the link works once.",
  tags: ["members"],
  maxBodyBytes: 1024,
  body: z.object({ token: z.string().min(1).max(100) }),
  responses: {
    200: { description: "Joined", schema: z.object({ workspace: workspaceSchema }) },
    403: error("Signed in with another email than the invited one, or called with an API key"),
    404: error("No such link: used, revoked or replaced"),
    410: error("The link expired (InvitationExpiredError)"),
  },
});

export const changeMemberRoleOperation = defineOperation({
  method: "PATCH",
  path: "/api/v1/members/{user_id}",
  summary: "Change a member's role (owners); the last owner cannot be demoted",
  tags: ["members"],
  permission: "members.manage",
  params: z.object({ user_id: id }),
  maxBodyBytes: 4096,
  body: z.object({ role: roleSchema }),
  responses: {
    200: { description: "The member", schema: z.object({ member: memberSchema }) },
    404: error("No such member in this workspace"),
    409: error("Would leave the workspace without an owner"),
  },
});

export const removeMemberOperation = defineOperation({
  method: "DELETE",
  path: "/api/v1/members/{user_id}",
  summary: "Remove a member and their API keys here (owners), or leave (your own user id); the last owner cannot be removed",
  tags: ["members"],
  permission: "members.read",
  params: z.object({ user_id: id }),
  responses: {
    204: { description: "Removed" },
    403: error("A member removing someone other than themselves"),
    404: error("No such member in this workspace"),
    409: error("Would leave the workspace without an owner"),
  },
});

export const listInvitationsOperation = defineOperation({
  method: "GET",
  path: "/api/v1/invitations",
  summary: "Pending invitations of the current workspace",
  tags: ["members"],
  permission: "members.read",
  responses: { 200: { description: "Invitations", schema: z.object({ invitations: z.array(invitationSchema) }) } },
});

export const revokeInvitationOperation = defineOperation({
  method: "DELETE",
  path: "/api/v1/invitations/{id}",
  summary: "Revoke a pending invitation (owners)",
  tags: ["members"],
  permission: "members.manage",
  params: z.object({ id }),
  responses: { 204: { description: "Revoked" }, 404: error("No pending invitation with this id in this workspace") },
});

export const listWorkspacesOperation = defineOperation({
  method: "GET",
  path: "/api/v1/workspaces",
  summary: "The caller's workspaces (an API key sees only its own)",
  tags: ["workspaces"],
  responses: { 200: { description: "Workspaces", schema: z.object({ workspaces: z.array(workspaceSchema) }) } },
});

export const createWorkspaceOperation = defineOperation({
  method: "POST",
  path: "/api/v1/workspaces",
  summary: "Create a workspace owned by the caller (browser sessions only)",
  tags: ["workspaces"],
  maxBodyBytes: 4096,
  body: z.object({ name: workspaceName }),
  responses: {
    201: { description: "Created", schema: z.object({ workspace: workspaceSchema }) },
    403: error("Called with an API key"),
  },
});

export const renameWorkspaceOperation = defineOperation({
  method: "PATCH",
  path: "/api/v1/workspaces/{id}",
  summary: "Rename a workspace (owners)",
  tags: ["workspaces"],
  params: z.object({ id }),
  maxBodyBytes: 4096,
  body: z.object({ name: workspaceName }),
  responses: {
    200: { description: "Renamed", schema: z.object({ workspace: workspaceSchema }) },
    403: error("Not an owner of this workspace"),
    404: error("Not one of the caller's workspaces"),
  },
});

export const switchWorkspaceOperation = defineOperation({
  method: "POST",
  path: "/api/v1/workspaces/{id}/switch",
  summary: "Make a workspace the active one of this browser session (sets the cv_workspace cookie)",
  tags: ["workspaces"],
  params: z.object({ id }),
  responses: {
    200: { description: "Switched", schema: z.object({ workspace: workspaceSchema }) },
    403: error("Called with an API key (a key always acts in its own workspace)"),
    404: error("Not one of the caller's workspaces"),
  },
});

export const workspaceOperations = [
  listMembersOperation,
  inviteMemberOperation,
  changeMemberRoleOperation,
  removeMemberOperation,
  listInvitationsOperation,
  revokeInvitationOperation,
  acceptInvitationOperation,
  listWorkspacesOperation,
  createWorkspaceOperation,
  renameWorkspaceOperation,
  switchWorkspaceOperation,
];

/** Response shapes, for the browser (imported as types only). */
export type MemberResponse = z.infer<typeof memberSchema>;
export type InvitationResponse = z.infer<typeof invitationSchema>;
export type RoleName = z.infer<typeof roleSchema>;
