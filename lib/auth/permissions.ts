import type { AuthContext, Role } from "./types";

type Rule = {
  roles: readonly Role[];
  /** Why an API key may not do this (a person signed in must); absent: keys may, with their creator's role. */
  notByKey?: string;
};

const ANYONE: readonly Role[] = ["owner", "member"];
const OWNERS: readonly Role[] = ["owner"];

/**
 * The one table of what each role may do, and which actions an API key may take. Owners can do
 * everything; members work with jobs and their own API keys but cannot manage the workspace, its
 * members, or see engine runs. A key acts with its creator's role, except where a leaked key would
 * outlive its revocation (minting keys) or make owners: those need a person.
 */
export const PERMISSIONS = {
  "jobs.read": { roles: ANYONE },
  "jobs.create": { roles: ANYONE },
  "jobs.delete": { roles: ANYONE },
  "api_keys.read": { roles: ANYONE },
  "api_keys.create": { roles: ANYONE, notByKey: "API keys cannot create API keys; sign in to create one" },
  "api_keys.delete": { roles: ANYONE },
  "members.read": { roles: ANYONE },
  "members.manage": { roles: OWNERS },
  "members.grant_owner": { roles: OWNERS, notByKey: "API keys cannot make owners; an owner signed in must invite or promote one" },
  "workspace.manage": { roles: OWNERS },
  "workspace.create": { roles: ANYONE, notByKey: "API keys cannot create workspaces; sign in to create one" },
  "invitations.accept": { roles: ANYONE, notByKey: "Open the invitation link signed in; an API key cannot accept invitations" },
  "runs.read": { roles: OWNERS },
  "runs.manage": { roles: OWNERS },
} as const satisfies Record<string, Rule>;

export type Permission = keyof typeof PERMISSIONS;

/** Who acts: a role, and whether through a browser session or an API key. */
export type Actor = Pick<AuthContext, "role" | "via">;

/** Why `actor` may not do `permission`, or null when it may. */
export function denial(actor: Actor, permission: Permission): string | null {
  const rule: Rule = PERMISSIONS[permission];
  if (!rule.roles.includes(actor.role)) return "You do not have permission to do this";
  if (actor.via === "api_key" && rule.notByKey) return rule.notByKey;
  return null;
}

export function can(actor: Actor, permission: Permission): boolean {
  return denial(actor, permission) === null;
}

/** Whether `name` is a permission of the table (operations name theirs as strings: lib/http sits below auth). */
export function isPermission(name: string): name is Permission {
  return Object.hasOwn(PERMISSIONS, name);
}
