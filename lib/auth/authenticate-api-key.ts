import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { looksLikeApiKey, hashApiKey } from "./api-key-format";
import type { AuthContext, Role } from "./types";

/** last_used_at is a hint, not an audit log: written at most once a minute per key. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The context a key acts in: its workspace, with its creator's current role there. A key whose
 * creator left the workspace is no key at all. Nothing is cached, so a deleted key fails on the
 * very next request.
 */
export async function authenticateApiKey(secret: string, now = new Date()): Promise<AuthContext | null> {
  if (!looksLikeApiKey(secret)) return null;
  const prisma = await db();
  const key = await prisma.apiKey.findUnique({
    where: { hash: hashApiKey(secret) },
    select: {
      id: true,
      workspaceId: true,
      lastUsedAt: true,
      workspace: { select: { id: true, name: true, slug: true } },
      createdBy: {
        select: {
          id: true,
          email: true,
          name: true,
          isOperator: true,
          // A user belongs to a handful of workspaces; one round trip beats two.
          memberships: { select: { workspaceId: true, role: true } },
        },
      },
    },
  });
  if (!key) return null;
  const membership = key.createdBy.memberships.find((m) => m.workspaceId === key.workspaceId);
  if (!membership) return null;
  await touchLastUsed(key.id, key.lastUsedAt, now);
  const { createdBy: user } = key;
  return {
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      isOperator: user.isOperator || getEnv().OPERATOR_EMAILS.includes(user.email),
    },
    workspace: key.workspace,
    role: membership.role as Role,
    via: "api_key",
    apiKeyId: key.id,
  };
}

/** The conditional update keeps concurrent requests from writing more than once per minute. */
async function touchLastUsed(id: string, lastUsedAt: Date | null, now: Date): Promise<void> {
  const cutoff = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  if (lastUsedAt && lastUsedAt >= cutoff) return;
  const prisma = await db();
  await prisma.apiKey.updateMany({
    where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: cutoff } }] },
    data: { lastUsedAt: now },
  });
}
