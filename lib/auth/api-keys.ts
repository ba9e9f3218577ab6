import { db } from "@/lib/db";
import { forbidden, notFound } from "@/lib/errors";
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
  if (auth.via !== "session") throw forbidden("API keys cannot create API keys; sign in to create one");
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

/** Deletes a key; other workspaces' keys (and, for members, other people's) are not found. */
export async function deleteApiKey(auth: AuthContext, id: string): Promise<void> {
  const prisma = await db();
  const { count } = await prisma.apiKey.deleteMany({ where: { id, ...visibleTo(auth) } });
  if (count === 0) throw notFound("API key");
  logger().info({ key_id: id }, "api key deleted");
}
