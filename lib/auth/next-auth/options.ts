import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { exportNextAuthUrl } from "@/lib/env/auth";
import { logger } from "@/lib/logging";
import { isSecureDeployment } from "../cookies";
import { authSecret } from "../secret";
import { newSessionClaims, revokeSessionToken } from "../sessions";
import { authorizeCredentials } from "./credentials";
import { linkOidcIdentity } from "./link-oidc-identity";
import { OIDC_PROVIDER_ID, oidcAccountProvider, oidcProvider, type OidcClaims } from "./oidc";

export const CREDENTIALS_PROVIDER_ID = "credentials";

/**
 * next-auth's configuration: JWT sessions (the credentials provider needs them), no adapter
 * (users, accounts and workspaces are ours), our own sign-in page for every error.
 */
export function authOptions(): AuthOptions {
  const env = getEnv();
  exportNextAuthUrl(env.appUrl);
  const maxAge = Math.floor(env.SESSION_MAX_AGE / 1000);
  const oidc = oidcProvider(env);
  const accountProvider = env.OIDC_ISSUER ? oidcAccountProvider(env.OIDC_ISSUER) : "";
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge },
    jwt: { maxAge },
    useSecureCookies: isSecureDeployment(),
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        id: CREDENTIALS_PROVIDER_ID,
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        authorize: (credentials, req) => authorizeCredentials(credentials, req?.headers ?? {}),
      }),
      ...(oidc ? [oidc] : []),
    ],
    callbacks: {
      async signIn({ account, profile }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        const claims = profile as OidcClaims | undefined;
        if (!claims?.sub) return "/sign-in?error=OAuthCallback";
        const result = await linkOidcIdentity({
          provider: accountProvider,
          sub: claims.sub,
          email: claims.email,
          emailVerified: claims.email_verified === true || claims.email_verified === "true",
          name: claims.name ?? claims.preferred_username,
        });
        return "error" in result ? `/sign-in?error=${result.error}` : true;
      },
      // The token carries our user id and its session claims; role and workspace are read fresh
      // on every request, and so is whether the session was signed out (lib/auth/sessions.ts).
      async jwt({ token, user, account }) {
        if (!account || !user) return token;
        if (account.provider === OIDC_PROVIDER_ID) {
          const prisma = await db();
          const link = await prisma.account.findUniqueOrThrow({
            where: { provider_providerAccountId: { provider: accountProvider, providerAccountId: account.providerAccountId } },
            select: { user: { select: { id: true, email: true, name: true } } },
          });
          return { sub: link.user.id, email: link.user.email, name: link.user.name, ...(await newSessionClaims(link.user.id)) };
        }
        return { sub: user.id, email: user.email, name: user.name, ...(await newSessionClaims(user.id)) };
      },
      async session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.sub } };
      },
    },
    events: {
      signOut: ({ token }) => revokeSessionToken(token),
      signIn({ user, account }) {
        logger().info({ provider: account?.provider, user_id: account?.provider === OIDC_PROVIDER_ID ? undefined : user.id }, "signed in");
      },
    },
    logger: {
      error: (code, metadata) => logger().error({ code, metadata }, "next-auth error"),
      warn: (code) => logger().warn({ code }, "next-auth warning"),
      debug: () => {},
    },
  };
}
