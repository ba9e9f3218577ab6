import { db, getDatabase } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { looksLikeApiKey, hashApiKey } from "./api-key-format";
import type { AuthContext, Role } from "./types";

/** last_used_at is a hint, not an audit log: written at most once a minute per key. */
export const LAST_USED_RESOLUTION_MS = 60_000;

type KeyRow = {
  id: string;
  last_used_at: Date | null;
  workspace_id: string;
  workspace_name: string;
  workspace_slug: string;
  user_id: string;
  email: string;
  user_name: string | null;
  is_operator: boolean;
  role: string;
};

/**
 * The key, its workspace, its creator and the creator's membership there, in one indexed query:
 * the inner join on memberships makes a key whose creator left the workspace no key at all. One
 * SQL statement instead of Prisma's nested select (a query per relation, each compiled by Prisma),
 * prepared once per connection on PostgreSQL (planning the four-table join cost more than running
 * it), is what lets key-authenticated polling scale (docs/benchmarks.md, "API").
 */
const KEY_QUERY = `
  SELECT k.id, k.last_used_at AT TIME ZONE 'UTC' AS last_used_at, w.id AS workspace_id, w.name AS workspace_name, w.slug AS workspace_slug,
         u.id AS user_id, u.email, u.name AS user_name, u.is_operator, m.role::text AS role
    FROM api_keys k
    JOIN workspaces w ON w.id = k.workspace_id
    JOIN users u ON u.id = k.created_by_id
    JOIN memberships m ON m.workspace_id = k.workspace_id AND m.user_id = k.created_by_id
   WHERE k.hash = $1`;

/**
 * The context a key acts in: its workspace, with its creator's current role there. Nothing is
 * cached, so a deleted key, a departed creator or a changed role counts on the very next request.
 */
export async function authenticateApiKey(secret: string, now = new Date()): Promise<AuthContext | null> {
  if (!looksLikeApiKey(secret)) return null;
  const { sql } = await getDatabase();
  const [key] = await sql.query<KeyRow>(KEY_QUERY, [hashApiKey(secret)], { name: "conveyor_api_key_lookup" });
  if (!key) return null;
  await touchLastUsed(key.id, key.last_used_at === null ? null : new Date(key.last_used_at), now);
  return {
    user: {
      id: key.user_id,
      email: key.email,
      name: key.user_name,
      isOperator: key.is_operator || getEnv().OPERATOR_EMAILS.includes(key.email),
    },
    workspace: { id: key.workspace_id, name: key.workspace_name, slug: key.workspace_slug },
    role: key.role as Role,
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
