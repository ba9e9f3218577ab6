import { createHash, randomBytes } from "node:crypto";
import type { Role } from "@prisma/client";
import { db } from "@/lib/db";
import type { AuthContext } from "@/lib/auth/types";
import { denial } from "@/lib/auth/permissions";
import { isUniqueViolation } from "@/lib/auth/prisma-errors";
import { getEnv } from "@/lib/env";
import { appError, conflict, forbidden, notFound } from "@/lib/errors";
import { logger } from "@/lib/logging";

type InvitationRow = {
  id: string;
  email: string;
  role: string;
  createdAt: Date;
  expiresAt: Date | null;
  invitedBy: { id: string; email: string } | null;
};

const INVITATION_SELECT = {
  id: true,
  email: true,
  role: true,
  createdAt: true,
  expiresAt: true,
  invitedBy: { select: { id: true, email: true } },
} as const;

const TOKEN_PREFIX = "cvi_";
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** The page an invitee opens: the secret is in the path, shown to the owner once. */
export function invitationUrl(token: string): string {
  return `${getEnv().appUrl}/invite/${token}`;
}

export function invitationJson(i: InvitationRow) {
  return {
    id: i.id,
    email: i.email,
    role: i.role as Role,
    created_at: i.createdAt.toISOString(),
    expires_at: i.expiresAt?.toISOString() ?? null,
    invited_by: i.invitedBy ? { id: i.invitedBy.id, email: i.invitedBy.email } : null,
  };
}

export async function listInvitations(auth: AuthContext) {
  const prisma = await db();
  return prisma.invitation.findMany({
    where: { workspaceId: auth.workspace.id, acceptedAt: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: INVITATION_SELECT,
  });
}

export type InviteResult = { invitation: ReturnType<typeof invitationJson>; invite_url: string };

/**
 * Invites an email address: a pending invitation and a link only the owner sees, once. Emails
 * are never verified, so the address alone proves nothing: whoever registers it first would
 * otherwise walk in. The invitee joins by opening the link signed in with that address. Inviting
 * an address again issues a new link (the old one stops working) and a new expiry.
 */
export async function inviteMember(auth: AuthContext, email: string, role: Role, now = new Date()): Promise<InviteResult> {
  const denied = role === "owner" ? denial(auth, "members.grant_owner") : null;
  if (denied) throw forbidden(denied);
  const prisma = await db();
  const workspaceId = auth.workspace.id;
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const data = { role, invitedById: auth.user.id, apiKeyId: auth.apiKeyId ?? null, acceptedAt: null, tokenHash: hashToken(token), createdAt: now, expiresAt: new Date(now.getTime() + getEnv().INVITATION_TTL) };
  try {
    const invitation = await prisma.$transaction(async (tx) => {
      const member = await tx.membership.findFirst({ where: { workspaceId, user: { email } }, select: { id: true } });
      if (member) throw conflict("This person is already a member of the workspace");
      // (workspace, email) is unique: a pending or old accepted invitation gets the new link.
      return tx.invitation.upsert({
        where: { workspaceId_email: { workspaceId, email } },
        create: { ...data, workspaceId, email },
        update: data,
        select: INVITATION_SELECT,
      });
    });
    logger().info({ invitation_id: invitation.id, role }, "invitation created");
    return { invitation: invitationJson(invitation), invite_url: invitationUrl(token) };
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict("This email was invited at the same moment; try again");
    throw error;
  }
}

export async function revokeInvitation(auth: AuthContext, id: string): Promise<void> {
  const prisma = await db();
  const { count } = await prisma.invitation.deleteMany({ where: { id, workspaceId: auth.workspace.id, acceptedAt: null } });
  if (count === 0) throw notFound("Invitation");
  logger().info({ invitation_id: id }, "invitation revoked");
}

const invalidLink = () => appError("NotFoundError", "This invitation link is not valid: it was used, revoked or replaced by a newer one");
const expiredLink = () => appError("InvitationExpiredError", "This invitation link has expired; ask for a new one");

/** What the invitation page shows to whoever holds the link; null when it is no (longer a) link. */
export async function previewInvitation(token: string, now = new Date()) {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
  const invitation = await (await db()).invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { email: true, role: true, acceptedAt: true, expiresAt: true, workspace: { select: { name: true } }, invitedBy: { select: { name: true, email: true } } },
  });
  if (!invitation || invitation.acceptedAt) return null;
  return {
    email: invitation.email,
    role: invitation.role as Role,
    workspaceName: invitation.workspace.name,
    invitedBy: invitation.invitedBy ? invitation.invitedBy.name || invitation.invitedBy.email : null,
    expired: !!invitation.expiresAt && invitation.expiresAt <= now,
  };
}

/**
 * Joins the workspace of the invitation link, for the signed-in person the invitation names. The
 * link then stops working. Only a browser session accepts: an API key acts in its own workspace.
 */
export async function acceptInvitation(auth: AuthContext, token: string, now = new Date()) {
  const denied = denial(auth, "invitations.accept");
  if (denied) throw forbidden(denied);
  const prisma = await db();
  const result = await prisma.$transaction(async (tx) => {
    const invitation = await tx.invitation.findUnique({ where: { tokenHash: hashToken(token) } });
    if (!invitation || invitation.acceptedAt) throw invalidLink();
    if (invitation.expiresAt && invitation.expiresAt <= now) throw expiredLink();
    if (invitation.email !== auth.user.email) {
      throw forbidden(`This invitation is for ${invitation.email}; sign in with that account to accept it`);
    }
    // Claimed once: a second acceptance racing this one updates nothing and fails.
    const { count } = await tx.invitation.updateMany({ where: { id: invitation.id, acceptedAt: null }, data: { acceptedAt: now, tokenHash: null } });
    if (count === 0) throw invalidLink();
    await tx.membership.createMany({
      data: [{ workspaceId: invitation.workspaceId, userId: auth.user.id, role: invitation.role, grantedByApiKeyId: invitation.apiKeyId }],
      skipDuplicates: true,
    });
    const membership = await tx.membership.findUniqueOrThrow({
      where: { workspaceId_userId: { workspaceId: invitation.workspaceId, userId: auth.user.id } },
      select: { role: true, workspace: { select: { id: true, name: true, slug: true, createdAt: true } } },
    });
    return { invitationId: invitation.id, ...membership.workspace, role: membership.role as Role };
  });
  logger().info({ invitation_id: result.invitationId, joined_workspace_id: result.id }, "invitation accepted");
  const { invitationId: _id, ...workspace } = result;
  return workspace;
}
