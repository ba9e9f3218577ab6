import { db } from "@/lib/db";
import type { AuthContext, Role } from "@/lib/auth/types";
import { can, denial } from "@/lib/auth/permissions";
import { forbidden, notFound } from "@/lib/errors";
import { logger } from "@/lib/logging";
import { createOwnedWorkspace } from "@/lib/auth/provision";
import { changeApiKeyAccess } from "@/lib/auth/api-key-cache";

export type WorkspaceWithRole = { id: string; name: string; slug: string; role: Role; createdAt: Date };

export function workspaceJson(w: WorkspaceWithRole) {
  return { id: w.id, name: w.name, slug: w.slug, role: w.role, created_at: w.createdAt.toISOString() };
}

/** A browser session sees every workspace of its user; an API key only its own. */
export async function listWorkspaces(auth: AuthContext): Promise<WorkspaceWithRole[]> {
  const prisma = await db();
  const memberships = await prisma.membership.findMany({
    where: { userId: auth.user.id, ...(auth.via === "api_key" ? { workspaceId: auth.workspace.id } : {}) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { role: true, workspace: { select: { id: true, name: true, slug: true, createdAt: true } } },
  });
  return memberships.map((m) => ({ ...m.workspace, role: m.role as Role }));
}

/** One of the caller's workspaces; anything else (another's, unknown) is not found. */
export async function findOwnWorkspace(auth: AuthContext, id: string): Promise<WorkspaceWithRole> {
  if (auth.via === "api_key" && id !== auth.workspace.id) throw notFound("Workspace");
  const prisma = await db();
  const m = await prisma.membership.findUnique({
    where: { workspaceId_userId: { workspaceId: id, userId: auth.user.id } },
    select: { role: true, workspace: { select: { id: true, name: true, slug: true, createdAt: true } } },
  });
  if (!m) throw notFound("Workspace");
  return { ...m.workspace, role: m.role as Role };
}

export async function createWorkspace(auth: AuthContext, name: string): Promise<WorkspaceWithRole> {
  const denied = denial(auth, "workspace.create");
  if (denied) throw forbidden(denied);
  const prisma = await db();
  const w = await prisma.$transaction((tx) => createOwnedWorkspace(tx, auth.user.id, name));
  logger().info({ created_workspace_id: w.id }, "workspace created");
  return { id: w.id, name: w.name, slug: w.slug, createdAt: w.createdAt, role: "owner" };
}

export async function renameWorkspace(auth: AuthContext, id: string, name: string): Promise<WorkspaceWithRole> {
  const current = await findOwnWorkspace(auth, id);
  if (!can({ role: current.role, via: auth.via }, "workspace.manage")) throw forbidden("Only owners can rename the workspace");
  // Keys carry their workspace's name (GET /api/v1/me): cached ones must learn the new one.
  const w = await changeApiKeyAccess((tx) => tx.workspace.update({ where: { id }, data: { name } }));
  return { ...current, name: w.name };
}

/** Checks the caller may act in `id`; the route then sets the cv_workspace cookie. */
export async function switchWorkspace(auth: AuthContext, id: string): Promise<WorkspaceWithRole> {
  if (auth.via !== "session") throw forbidden("An API key always acts in its own workspace");
  return findOwnWorkspace(auth, id);
}
