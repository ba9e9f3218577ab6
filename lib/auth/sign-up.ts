import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { conflict, forbidden } from "@/lib/errors";
import { logger } from "@/lib/logging";
import { provisionUser } from "@/lib/workspaces/provision";
import { hashPassword } from "./password";
import { isUniqueViolation } from "./prisma-errors";

export type SignUpInput = { email: string; password: string; name?: string };

const emailTaken = () => conflict("An account with this email already exists; sign in instead");

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
  // Fail fast before the slow hash; the unique index still decides races.
  if (await prisma.user.findUnique({ where: { email: input.email }, select: { id: true } })) throw emailTaken();
  const passwordHash = await hashPassword(input.password);
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
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
}
