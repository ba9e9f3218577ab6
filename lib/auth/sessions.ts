import { randomUUID } from "node:crypto";
import type { JWT } from "next-auth/jwt";
import { db } from "@/lib/db";
import { forbidden } from "@/lib/errors";
import { logger } from "@/lib/logging";
import type { AuthContext } from "./types";

/**
 * What a session token carries besides the user id: `sid` names this browser session (so signing
 * out can end it even if its cookie was copied), `sv` the user's session version when it was
 * issued (bumping the version ends every session of the user at once).
 */
export type SessionClaims = { sid: string; sv: number };

/** Claims for a new session of `userId`, read at sign-in. */
export async function newSessionClaims(userId: string): Promise<SessionClaims> {
  const user = await (await db()).user.findUnique({ where: { id: userId }, select: { sessionVersion: true } });
  return { sid: randomUUID(), sv: user?.sessionVersion ?? 0 };
}

/**
 * Whether a decoded token still stands: issued under the user's current session version, and not
 * signed out. Tokens from before sessions carried these claims count as version 0, not revocable
 * one by one.
 */
export async function sessionStillValid(payload: { sid?: unknown; sv?: unknown }, sessionVersion: number): Promise<boolean> {
  const sv = typeof payload.sv === "number" ? payload.sv : 0;
  if (sv !== sessionVersion) return false;
  if (typeof payload.sid !== "string") return true;
  const revoked = await (await db()).revokedSession.findUnique({ where: { id: payload.sid }, select: { id: true } });
  return !revoked;
}

/** next-auth's signOut event: the token's session ends for whoever holds a copy of it. */
export async function revokeSessionToken(token: JWT | null | undefined, now = new Date()): Promise<void> {
  const sid = token?.sid;
  if (typeof sid !== "string" || typeof token?.sub !== "string") return;
  const exp = typeof token.exp === "number" ? new Date(token.exp * 1000) : new Date(now.getTime() + 31 * 86_400_000);
  if (exp <= now) return;
  const prisma = await db();
  await prisma.revokedSession.upsert({ where: { id: sid }, create: { id: sid, userId: token.sub, expiresAt: exp }, update: {} });
  // Rows outlive their purpose once the token would have expired anyway.
  await prisma.revokedSession.deleteMany({ where: { expiresAt: { lt: now } } });
  logger().info({ user_id: token.sub }, "signed out");
}

/**
 * Ends every browser session of the caller, this one included (a lost laptop, a shared
 * computer). API keys are separate credentials and keep working; revoke them one by one.
 */
export async function signOutEverywhere(auth: AuthContext): Promise<void> {
  if (auth.via !== "session") throw forbidden("Sign in to end your sessions; an API key cannot");
  await (await db()).user.update({ where: { id: auth.user.id }, data: { sessionVersion: { increment: 1 } } });
  logger().info({ user_id: auth.user.id }, "signed out everywhere");
}
