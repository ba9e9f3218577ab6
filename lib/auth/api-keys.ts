import { db } from "@/lib/db";
import { forbidden, notFound } from "@/lib/errors";
import { deleteKeysWithGrants } from "@/lib/auth/key-grants";
import { changeApiKeyAccess } from "./api-key-cache";
import { denial } from "./permissions";
import { logger } from "@/lib/logging";
import { generateApiKey, hashApiKey, visiblePrefix } from "./api-key-format";
import type { AuthContext } from "./types";

const SELECT = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  createdBy: { select: { id: true, email: true, name: true } },
} as const;

type Row = {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  createdBy: { id: string; email: string; name: string | null };
};

/** The JSON shape of a key; never the secret. */
export function apiKeyJson(row: Row) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    created_at: row.createdAt.toISOString(),
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
    created_by: { id: row.createdBy.id, email: row.createdBy.email, name: row.createdBy.name },
  };
}

/** Owners see every key of the workspace; members only their own. */
function visibleTo(auth: AuthContext) {
  return auth.role === "owner"
    ? { workspaceId: auth.workspace.id }
    : { workspaceId: auth.workspace.id, createdById: auth.user.id };
}

/**
 * Creates a key acting for the caller in their workspace. Only signed-in people create keys: a
 * key that can mint keys would survive its own revocation.
 */
export async function createApiKey(auth: AuthContext, name: string) {
  const denied = denial(auth, "api_keys.create");
  if (denied) throw forbidden(denied);
  const secret = generateApiKey();
  const prisma = await db();
  const row = await prisma.apiKey.create({
    data: {
      workspaceId: auth.workspace.id,
      createdById: auth.user.id,
      name,
      prefix: visiblePrefix(secret),
      hash: hashApiKey(secret),
    },
    select: SELECT,
  });
  logger().info({ key_id: row.id }, "api key created");
  return { row, secret };
}

export async function listApiKeys(auth: AuthContext) {
  const prisma = await db();
  return prisma.apiKey.findMany({ where: visibleTo(auth), orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: SELECT });
}

/**
 * Deletes a key, and what was granted through it: its invitations (by cascade) and the memberships
 * they made, with those members' keys here. A leaked key's grants end with it. Other workspaces'
 * keys (and, for members, other people's) are not found.
 */
export async function deleteApiKey(auth: AuthContext, id: string): Promise<void> {
  const ended = await changeApiKeyAccess(async (tx) => {
    const key = await tx.apiKey.findFirst({ where: { id, ...visibleTo(auth) }, select: { id: true, workspaceId: true } });
    if (!key) throw notFound("API key");
    return (await deleteKeysWithGrants(tx, key.workspaceId, { ids: [key.id] })).length;
  });
  logger().info({ key_id: id, memberships_ended: ended }, "api key deleted");
}
