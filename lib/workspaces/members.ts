import type { Prisma, Role } from "@prisma/client";
import { db } from "@/lib/db";
import type { AuthContext } from "@/lib/auth/types";
import { can, denial } from "@/lib/auth/permissions";
import { conflict, forbidden, notFound } from "@/lib/errors";
import { deleteKeysWithGrants } from "@/lib/auth/key-grants";
import { changeApiKeyAccess } from "@/lib/auth/api-key-cache";
import { logger } from "@/lib/logging";

type Tx = Prisma.TransactionClient;

const MEMBER_SELECT = {
  role: true,
  createdAt: true,
  user: { select: { id: true, email: true, name: true } },
} as const;

type MemberRow = { role: string; createdAt: Date; user: { id: string; email: string; name: string | null } };

export function memberJson(m: MemberRow) {
  return { user_id: m.user.id, email: m.user.email, name: m.user.name, role: m.role as Role, created_at: m.createdAt.toISOString() };
}

export async function listMembers(auth: AuthContext) {
  const prisma = await db();
  return prisma.membership.findMany({
    where: { workspaceId: auth.workspace.id },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: MEMBER_SELECT,
  });
}

/**
 * Locks the workspace's owner rows, then refuses a change that would leave it without one.
 * The lock makes two owners demoting each other at once take turns instead of both winning.
 */
async function assertKeepsAnOwner(tx: Tx, workspaceId: string, userId: string): Promise<void> {
  const owners = await tx.$queryRaw<{ user_id: string }[]>`
    SELECT user_id FROM memberships WHERE workspace_id = ${workspaceId} AND role = 'owner' FOR UPDATE`;
  if (owners.length === 1 && owners[0].user_id === userId) {
    throw conflict("A workspace needs at least one owner; make someone else an owner first");
  }
}

async function findMembership(tx: Tx, workspaceId: string, userId: string) {
  const m = await tx.membership.findUnique({ where: { workspaceId_userId: { workspaceId, userId } }, select: MEMBER_SELECT });
  if (!m) throw notFound("Member");
  return m;
}

export async function changeMemberRole(auth: AuthContext, userId: string, role: Role) {
  // A key acts with its creator's role: the change must reach cached keys (lib/auth/api-key-cache.ts).
  return changeApiKeyAccess(async (tx) => {
    const current = await findMembership(tx, auth.workspace.id, userId);
    // After the lookup: another workspace's member is a 404, whoever asks.
    const denied = role === "owner" ? denial(auth, "members.grant_owner") : null;
    if (denied) throw forbidden(denied);
    if (current.role === role) return current;
    if (current.role === "owner") await assertKeepsAnOwner(tx, auth.workspace.id, userId);
    const updated = await tx.membership.update({
      where: { workspaceId_userId: { workspaceId: auth.workspace.id, userId } },
      // A person deciding a member's role adopts the membership: it no longer ends with the key that invited them.
      data: { role, ...(auth.via === "session" ? { grantedByApiKeyId: null } : {}) },
      select: MEMBER_SELECT,
    });
    logger().info({ member_user_id: userId, role }, "member role changed");
    return updated;
  });
}

/**
 * Removes a member and the API keys they made here, so re-adding them revives nothing. Owners
 * remove anyone; everyone may remove themselves (leave), except the last owner.
 */
export async function removeMember(auth: AuthContext, userId: string): Promise<void> {
  if (userId !== auth.user.id && !can(auth, "members.manage")) throw forbidden("Only owners can remove other members");
  await changeApiKeyAccess(async (tx) => {
    const current = await findMembership(tx, auth.workspace.id, userId);
    if (current.role === "owner") await assertKeepsAnOwner(tx, auth.workspace.id, userId);
    await tx.membership.delete({ where: { workspaceId_userId: { workspaceId: auth.workspace.id, userId } } });
    // Their keys go, and with them whatever those keys granted (invitations, memberships).
    await deleteKeysWithGrants(tx, auth.workspace.id, { createdBy: [userId] });
  });
  logger().info({ member_user_id: userId, left: userId === auth.user.id }, userId === auth.user.id ? "member left" : "member removed");
}
