/** Shapes of the settings APIs as the browser receives them. */
export type ApiKeyView = {
  id: string;
  name: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  created_by: { id: string; email: string; name: string | null };
};

export type Role = "owner" | "member";

export type MemberView = { user_id: string; email: string; name: string | null; role: Role; created_at: string };

export type InvitationView = {
  id: string;
  email: string;
  role: Role;
  created_at: string;
  /** When the invitation link stops working. */
  expires_at: string | null;
  invited_by: { id: string; email: string } | null;
};

/** What inviting answers: the invitation and its link, shown once. */
export type InviteResult = { invitation: InvitationView; invite_url: string };
