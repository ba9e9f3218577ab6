import { decode } from "next-auth/jwt";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/logging";
import { createPersonalWorkspace } from "@/lib/auth/provision";
import { parseCookieHeader, readSessionToken, WORKSPACE_COOKIE } from "./cookies";
import { resourceIdSchema } from "./schemas";
import { sessionStillValid } from "./sessions";
import { authSecret } from "./secret";
import type { AuthContext, Role } from "./types";

type SessionPayload = { sub: string; sid?: unknown; sv?: unknown };

/** The payload of a next-auth session token, or null when it is absent, forged or expired. */
async function sessionPayload(cookies: Map<string, string>): Promise<SessionPayload | null> {
  const token = readSessionToken(cookies);
  if (!token) return null;
  try {
    const payload = await decode({ token, secret: authSecret() });
    return typeof payload?.sub === "string" && payload.sub ? (payload as SessionPayload) : null;
  } catch {
    return null;
  }
}

/** The user id inside a next-auth session token (not checked against sign-outs). */
export async function sessionUserId(cookies: Map<string, string>): Promise<string | null> {
  return (await sessionPayload(cookies))?.sub ?? null;
}

/**
 * A browser session as an AuthContext: the user from the session token, acting in the workspace
 * named by the cv_workspace cookie when they are still a member of it, else their first one.
 */
export async function resolveSession(cookieHeader: string | null | undefined): Promise<AuthContext | null> {
  const cookies = parseCookieHeader(cookieHeader);
  const payload = await sessionPayload(cookies);
  if (!payload) return null;
  const userId = payload.sub;
  const prisma = await db();
  const found = await prisma.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, isOperator: true, sessionVersion: true },
  });
  // Signed out (this session, or every session of the user): the token is worthless.
  if (!found || !(await sessionStillValid(payload, found.sessionVersion))) return null;
  const { sessionVersion: _sv, ...user } = found;
  // The cookie is the browser's to change: a value that cannot be an id is ignored, not queried.
  const cookie = cookies.get(WORKSPACE_COOKIE);
  const wanted = cookie && resourceIdSchema.safeParse(cookie).success ? cookie : undefined;
  const select = { role: true, workspace: { select: { id: true, name: true, slug: true } } } as const;
  let membership =
    (wanted && (await prisma.membership.findUnique({ where: { workspaceId_userId: { workspaceId: wanted, userId } }, select }))) ||
    (await prisma.membership.findFirst({ where: { userId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select }));
  if (!membership) {
    // Removed from every workspace they had: a signed-in user always gets somewhere to work.
    const workspace = await prisma.$transaction((tx) => createPersonalWorkspace(tx, user));
    logger().info({ user_id: user.id, workspace_id: workspace.id }, "recreated a personal workspace");
    membership = { role: "owner", workspace: { id: workspace.id, name: workspace.name, slug: workspace.slug } };
  }
  return {
    user: { ...user, isOperator: user.isOperator || getEnv().OPERATOR_EMAILS.includes(user.email) },
    workspace: membership.workspace,
    role: membership.role as Role,
    via: "session",
  };
}
