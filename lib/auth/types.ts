export type Role = "owner" | "member";

/** Who is calling and on behalf of which workspace, however they authenticated. */
export type AuthContext = {
  user: { id: string; email: string; name: string | null; isOperator: boolean };
  workspace: { id: string; name: string; slug: string };
  role: Role;
  via: "session" | "api_key";
  apiKeyId?: string;
};
