import type { OAuthConfig } from "next-auth/providers/oauth";
import type { TokenSet } from "openid-client";
import type { Env } from "@/lib/env";

export const OIDC_PROVIDER_ID = "oidc";

export type OidcClaims = {
  sub: string;
  email?: string;
  email_verified?: boolean | string;
  name?: string;
  preferred_username?: string;
};

/** The Account.provider value: subjects are unique per issuer only (OIDC Core 2). */
export function oidcAccountProvider(issuer: string): string {
  return `oidc:${issuer.replace(/\/+$/, "")}`;
}

/**
 * A generic OpenID Connect provider found by discovery, with PKCE and state. The ID token is
 * validated; when it leaves out email claims (providers that follow OIDC's rule of keeping them
 * in userinfo for the code flow), userinfo fills them in, with the ID token's subject winning.
 */
export function oidcProvider(env: Env): OAuthConfig<OidcClaims> | null {
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) return null;
  return {
    id: OIDC_PROVIDER_ID,
    name: env.OIDC_NAME,
    type: "oauth",
    wellKnown: `${env.OIDC_ISSUER.replace(/\/+$/, "")}/.well-known/openid-configuration`,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    userinfo: {
      async request({ tokens, client }) {
        // next-auth hands over the validated TokenSet from client.callback(); its type says less.
        const set = tokens as unknown as TokenSet;
        const claims = set.claims() as OidcClaims;
        if (claims.email && claims.email_verified !== undefined) return claims;
        const info = (await client.userinfo(set)) as Partial<OidcClaims>;
        return { ...info, ...claims, email: claims.email ?? info.email, email_verified: claims.email_verified ?? info.email_verified, sub: claims.sub };
      },
    },
    profile(claims) {
      return { id: claims.sub, email: claims.email ?? null, name: claims.name ?? claims.preferred_username ?? null };
    },
  };
}
