import { getDatabase, type Database } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { looksLikeApiKey, hashApiKey } from "./api-key-format";
import { apiKeyCache } from "./api-key-cache";
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
export const KEY_QUERY = `
  SELECT k.id, k.last_used_at AT TIME ZONE 'UTC' AS last_used_at, w.id AS workspace_id, w.name AS workspace_name, w.slug AS workspace_slug,
         u.id AS user_id, u.email, u.name AS user_name, u.is_operator, m.role::text AS role
    FROM api_keys k
    JOIN workspaces w ON w.id = k.workspace_id
    JOIN users u ON u.id = k.created_by_id
    JOIN memberships m ON m.workspace_id = k.workspace_id AND m.user_id = k.created_by_id
   WHERE k.hash = $1`;

/**
 * The context a key acts in: its workspace, with its creator's current role there. Keys that
 * exist are cached in process for at most a second and forgotten when anything that could end or
 * change them is written (lib/auth/api-key-cache.ts): a deleted key, a departed creator or a
 * changed role counts on the very next request in this process, and in others once notified.
 * `database` is the process's database unless given (tests: a second "process").
 */
export async function authenticateApiKey(secret: string, now = new Date(), database?: Database): Promise<AuthContext | null> {
  if (!looksLikeApiKey(secret)) return null;
  const store = database ?? (await getDatabase());
  const cache = apiKeyCache(store);
  const hash = hashApiKey(secret);
  const cached = cache.get(hash);
  if (cached) {
    if (await touchLastUsed(store, cached.auth.apiKeyId!, cached.lastUsedAt, now)) cache.touched(hash, now);
    return copy(cached.auth);
  }
  const generation = cache.generation;
  const [key] = await store.sql.query<KeyRow>(KEY_QUERY, [hash], { name: "conveyor_api_key_lookup" });
  if (!key) return null;
  const auth: AuthContext = {
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
  const lastUsedAt = key.last_used_at === null ? null : new Date(key.last_used_at);
  cache.remember(hash, { auth, lastUsedAt }, generation);
  if (await touchLastUsed(store, key.id, lastUsedAt, now)) cache.touched(hash, now);
  return copy(auth);
}

/** Each request gets its own copy: nothing a handler does to it can reach the cache. */
function copy(auth: AuthContext): AuthContext {
  return { ...auth, user: { ...auth.user }, workspace: { ...auth.workspace } };
}

/** The conditional update keeps concurrent requests from writing more than once per minute. Returns whether it wrote. */
async function touchLastUsed(database: Database, id: string, lastUsedAt: Date | null, now: Date): Promise<boolean> {
  const cutoff = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  if (lastUsedAt && lastUsedAt >= cutoff) return false;
  await database.prisma.apiKey.updateMany({
    where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: cutoff } }] },
    data: { lastUsedAt: now },
  });
  return true;
}
