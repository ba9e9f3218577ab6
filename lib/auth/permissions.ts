import type { Role } from "./types";

/**
 * The one table of what each role may do. Owners can do everything; members work with jobs and
 * their own API keys but cannot manage the workspace, its members, or see engine runs.
 */
export const PERMISSIONS = {
  "jobs.read": ["owner", "member"],
  "jobs.create": ["owner", "member"],
  "jobs.delete": ["owner", "member"],
  "api_keys.read": ["owner", "member"],
  "api_keys.create": ["owner", "member"],
  "api_keys.delete": ["owner", "member"],
  "members.read": ["owner", "member"],
  "members.manage": ["owner"],
  "workspace.manage": ["owner"],
  "runs.read": ["owner"],
  "runs.manage": ["owner"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
