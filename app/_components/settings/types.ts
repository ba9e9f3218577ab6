import type { ApiKeyResponse } from "@/lib/auth/operations";
import type { InvitationResponse, MemberResponse, RoleName } from "@/lib/workspaces/operations";

/** Shapes of the settings APIs as the browser receives them: the server's zod schemas' types, imported as types only. */
export type ApiKeyView = ApiKeyResponse;
export type Role = RoleName;
export type MemberView = MemberResponse;
export type InvitationView = InvitationResponse;

/** What inviting answers: the invitation and its link, shown once. */
export type InviteResult = { invitation: InvitationView; invite_url: string };
