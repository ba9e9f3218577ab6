import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { forbidden } from "@/lib/errors";
import { logger } from "@/lib/logging";
import { provisionUser } from "@/lib/auth/provision";
import { hashPassword } from "./password";
import { isUniqueViolation } from "./prisma-errors";

export type SignUpInput = { email: string; password: string; name?: string };

type Created = {
  user: { id: string; email: string; name: string | null; createdAt: Date };
  workspace: { id: string; name: string; slug: string };
};

/** Carries a decoy's answer out of its transaction, which throwing rolls back. */
class DecoyRolledBack extends Error {
  constructor(readonly result: Created) {
    super("decoy sign-up rolled back");
  }
}

/**
 * Creates a password account and its personal workspace in one transaction. Pending invitations
 * to the email are not accepted here (the email is unverified); their links are. Email is
 * already normalised by the schema.
 *
 * An email that already has an account gets the same answer as a new one, so a stranger cannot
 * learn which emails are registered: the same work (the argon2 hash, then the very same
 * transaction) runs and is rolled back, so the answer's ids, slug and timing are real ones
 * from the same generators, while nothing is created and the account is not changed. The
 * owner signs in with their own password as before.
 */
export async function signUp(input: SignUpInput): Promise<Created> {
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
  if (exists) return decoy(prisma, input, passwordHash);
  try {
    const result = await createAccount(prisma, input, passwordHash, false);
    logger().info({ user_id: result.user.id }, "user signed up");
    return result;
  } catch (error) {
    // Another sign-up for the address won the race: answer as for any registered email.
    if (isUniqueViolation(error)) return decoy(prisma, input, passwordHash);
    throw error;
  }
}

async function decoy(prisma: PrismaClient, input: SignUpInput, passwordHash: string): Promise<Created> {
  try {
    await createAccount(prisma, input, passwordHash, true);
  } catch (error) {
    if (error instanceof DecoyRolledBack) {
      logger().info("sign-up for an email that has an account: answered as new, nothing created");
      return error.result;
    }
    throw error;
  }
  throw new Error("a decoy sign-up must roll back");
}

async function createAccount(prisma: PrismaClient, input: SignUpInput, passwordHash: string, rollBack: boolean): Promise<Created> {
  return prisma.$transaction(async (tx) => {
    // The decoy writes under a throwaway address (the real one is taken) and never commits.
    const email = rollBack ? `decoy-${randomBytes(16).toString("hex")}@invalid` : input.email;
    const row = await tx.user.create({
      data: { email, name: input.name ?? null, passwordHash },
      select: { id: true, email: true, name: true, createdAt: true },
    });
    const user = { ...row, email: input.email };
    // An email nobody verified joins nothing by itself: invitations are accepted by their link.
    const { workspace } = await provisionUser(tx, user, { emailVerified: false });
    const result = { user, workspace: { id: workspace.id, name: workspace.name, slug: workspace.slug } };
    if (rollBack) throw new DecoyRolledBack(result);
    return result;
  });
}
