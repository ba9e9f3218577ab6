import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { forbidden } from "@/lib/errors";
import { logger } from "@/lib/logging";
import { provisionUser } from "@/lib/workspaces/provision";
import { hashPassword } from "./password";
import { isUniqueViolation } from "./prisma-errors";

export type SignUpInput = { email: string; password: string; name?: string };

/**
 * What sign-up tells the caller: the same for a new account and for an email that already had
 * one, so the answer does not confirm to a stranger who is registered (lib/auth/README.md).
 */
export type SignUpResult = { email: string; created: boolean };

/**
 * Creates a password account and its personal workspace in one transaction. An email that
 * already has an account is left untouched (its password, name and workspaces stay as they
 * are) and answers like a new one; the password is hashed either way so both take about as
 * long. Pending invitations are not accepted here (the email is unverified); their links are.
 * Email is already normalised by the schema. `created` is for logs and tests, never the caller.
 */
export async function signUp(input: SignUpInput): Promise<SignUpResult> {
  const prisma = await db();
  if (!getEnv().SIGNUP_ENABLED) {
    const invited = await prisma.invitation.count({
      where: { email: input.email, acceptedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
    });
    if (invited === 0) throw forbidden("Sign-up is disabled on this instance; ask a workspace owner for an invitation");
  }
  const existing = await prisma.user.findUnique({ where: { email: input.email }, select: { id: true } });
  // Hashed before the branch: argon2 is the slow part, so both answers take as long.
  const passwordHash = await hashPassword(input.password);
  if (existing) return alreadyRegistered(existing.id, input.email);
  try {
    const result = await prisma.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email: input.email, name: input.name ?? null, passwordHash }, select: { id: true, email: true, name: true } });
      // An email nobody verified joins nothing by itself: invitations are accepted by their link.
      await provisionUser(tx, user, { emailVerified: false });
      return user;
    });
    logger().info({ user_id: result.id }, "user signed up");
    return { email: input.email, created: true };
  } catch (error) {
    // Two sign-ups raced for the address; the other one won.
    if (!isUniqueViolation(error)) throw error;
    const winner = await prisma.user.findUniqueOrThrow({ where: { email: input.email }, select: { id: true } });
    return alreadyRegistered(winner.id, input.email);
  }
}

function alreadyRegistered(userId: string, email: string): SignUpResult {
  logger().info({ user_id: userId }, "sign-up for an email that already has an account; nothing changed");
  return { email, created: false };
}
