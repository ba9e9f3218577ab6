import type { Prisma, Role } from "@prisma/client";
import { workspaceSlug } from "./workspace-slug";

type Tx = Prisma.TransactionClient;
type NewUser = { id: string; email: string; name: string | null };

/** The name people see for a user: their name, else the part of the email before the @. */
export function displayName(user: { email: string; name: string | null }): string {
  return user.name?.trim() || user.email.split("@")[0];
}

/** Creates a workspace with `userId` as its owner. */
export async function createOwnedWorkspace(tx: Tx, userId: string, name: string, slugBase = name) {
  return tx.workspace.create({
    data: { name, slug: workspaceSlug(slugBase), memberships: { create: { userId, role: "owner" } } },
  });
}

/** Every new user starts with a workspace of their own. */
export async function createPersonalWorkspace(tx: Tx, user: NewUser) {
  const name = displayName(user);
  return createOwnedWorkspace(tx, user.id, `${name}'s workspace`, name);
}

/**
 * Turns the pending invitations for the user's email into memberships. Only for an email someone
 * vouched for (an SSO provider's email_verified): Conveyor verifies no emails itself, and
 * everyone else joins through the invitation link.
 */
export async function acceptPendingInvitations(tx: Tx, user: NewUser, now = new Date()): Promise<number> {
  const pending = await tx.invitation.findMany({ where: { email: user.email, acceptedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] } });
  if (pending.length === 0) return 0;
  await tx.membership.createMany({
    data: pending.map((i) => ({ workspaceId: i.workspaceId, userId: user.id, role: i.role as Role })),
    skipDuplicates: true,
  });
  await tx.invitation.updateMany({ where: { id: { in: pending.map((i) => i.id) } }, data: { acceptedAt: now, tokenHash: null } });
  return pending.length;
}

/**
 * A new user's first workspace, and, when their email is verified, the workspaces they were
 * invited to, in the caller's transaction.
 */
export async function provisionUser(tx: Tx, user: NewUser, opts: { emailVerified: boolean }) {
  const workspace = await createPersonalWorkspace(tx, user);
  const accepted = opts.emailVerified ? await acceptPendingInvitations(tx, user) : 0;
  return { workspace, accepted };
}
