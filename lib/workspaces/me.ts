import { listWorkspaces, workspaceJson } from "./workspaces";
import { can, PERMISSIONS, type Permission } from "@/lib/auth/permissions";
import type { AuthContext } from "@/lib/auth/types";

/** What the UI needs to know about the caller, in one request. */
export async function describeCaller(auth: AuthContext) {
  const workspaces = await listWorkspaces(auth);
  return {
    user: { id: auth.user.id, email: auth.user.email, name: auth.user.name, is_operator: auth.user.isOperator },
    workspace: { id: auth.workspace.id, name: auth.workspace.name, slug: auth.workspace.slug },
    role: auth.role,
    via: auth.via,
    api_key_id: auth.apiKeyId ?? null,
    permissions: (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(auth, p)),
    workspaces: workspaces.map((w) => {
      const { created_at: _createdAt, ...rest } = workspaceJson(w);
      return rest;
    }),
  };
}
