import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { forbidden } from "@/lib/errors";
import { logger } from "@/lib/logging";
import { displayName, provisionUser } from "@/lib/workspaces/provision";
import { workspaceSlug } from "@/lib/workspaces/slug";
import { hashPassword } from "./password";
import { isUniqueViolation } from "./prisma-errors";

export type SignUpInput = { email: string; password: string; name?: string };

/**
 * What a sign-up for an email that already has an account answers: the shape of a new account,
 * with ids that name nothing, so a stranger cannot learn which emails are registered. Nothing is
 * created or changed; the real owner signs in with their own password as before.
 */
function unchangedAccount(input: SignUpInput) {
  const id = () => `c${randomBytes(12).toString("hex").slice(0, 24)}`;
  const name = displayName({ email: input.email, name: input.name ?? null });
  logger().info("sign-up for an email that has an account: nothing created");
  return {
    user: { id: id(), email: input.email, name: input.name ?? null, createdAt: new Date() },
    workspace: { id: id(), name: `${name}'s workspace`, slug: workspaceSlug(name) },
  };
}

/**
 * Creates a password account and its personal workspace in one transaction. Pending invitations
 * to the email are not accepted here (the email is unverified); their links are. Email is
 * already normalised by the schema.
 */
export async function signUp(input: SignUpInput) {
  const prisma = await db();
  if (!getEnv().SIGNUP_ENABLED) {
    const invited = await prisma.invitation.count({
      where: { email: input.email, acceptedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
    });
    if (invited === 0) throw forbidden("Sign-up is disabled on this instance; ask a workspace owner for an invitation");
  }
  const exists = await prisma.user.findUnique({ where: { email: input.email }, select: { id: true } });
  // Hashed either way: the answer for a registered email takes as long as for a new one.
  const passwordHash = await hashPassword(input.password);
  if (exists) return unchangedAccount(input);
  try {
    const result = await prisma.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: input.email, name: input.name ?? null, passwordHash },
        select: { id: true, email: true, name: true, createdAt: true },
      });
      // An email nobody verified joins nothing by itself: invitations are accepted by their link.
      const { workspace } = await provisionUser(tx, user, { emailVerified: false });
      return { user, workspace };
    });
    logger().info({ user_id: result.user.id }, "user signed up");
    return result;
  } catch (error) {
    if (isUniqueViolation(error)) return unchangedAccount(input);
    throw error;
  }
}
