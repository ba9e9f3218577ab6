import { db } from "@/lib/db";
import { logger } from "@/lib/logging";
import { provisionUser } from "@/lib/auth/provision";
import { isUniqueViolation } from "../prisma-errors";
import { emailSchema, stripControlCharacters } from "../schemas";

export type OidcIdentity = {
  /** Account.provider: "oidc:<issuer>". */
  provider: string;
  sub: string;
  email?: string | null;
  emailVerified: boolean;
  name?: string | null;
};

/** Codes shown on the sign-in page when an identity cannot be used. */
export type OidcLinkError = "SsoNoEmail" | "SsoEmailNotVerified";

export type OidcLinkResult = { userId: string; outcome: "existing" | "linked" | "provisioned" } | { error: OidcLinkError };

/**
 * Maps an SSO identity to a Conveyor user, always the same way:
 * 1. an Account with this (issuer, subject) -> its user;
 * 2. else a user with this email, only when the provider vouches for it (email_verified) -> link;
 * 3. else a new user with a personal workspace, and their pending invitations when the
 *    provider verified the email.
 * No provider tokens are kept.
 */
export async function linkOidcIdentity(identity: OidcIdentity, retried = false): Promise<OidcLinkResult> {
  const prisma = await db();
  const where = { provider_providerAccountId: { provider: identity.provider, providerAccountId: identity.sub } };
  const known = await prisma.account.findUnique({ where, select: { userId: true } });
  if (known) return { userId: known.userId, outcome: "existing" };
  const email = emailSchema.safeParse(identity.email ?? "");
  if (!email.success) return { error: "SsoNoEmail" };
  try {
    return await prisma.$transaction(async (tx): Promise<OidcLinkResult> => {
      const account = { type: "oauth", provider: identity.provider, providerAccountId: identity.sub };
      const existing = await tx.user.findUnique({ where: { email: email.data }, select: { id: true } });
      if (existing) {
        if (!identity.emailVerified) return { error: "SsoEmailNotVerified" };
        await tx.account.create({ data: { ...account, userId: existing.id } });
        logger().info({ user_id: existing.id, provider: identity.provider }, "sso identity linked");
        return { userId: existing.id, outcome: "linked" };
      }
      const user = await tx.user.create({
        data: { email: email.data, name: stripControlCharacters(identity.name ?? "").slice(0, 100) || null, accounts: { create: account } },
        select: { id: true, email: true, name: true },
      });
      await provisionUser(tx, user, { emailVerified: identity.emailVerified });
      logger().info({ user_id: user.id, provider: identity.provider }, "sso user provisioned");
      return { userId: user.id, outcome: "provisioned" };
    });
  } catch (error) {
    // Two first sign-ins racing: the loser finds what the winner created.
    if (isUniqueViolation(error) && !retried) return linkOidcIdentity(identity, true);
    throw error;
  }
}
