import type { Prisma } from "@prisma/client";

/**
 * Deletes API keys of one workspace together with what was granted through them: their pending
 * invitations (by the foreign key's cascade) and the memberships those invitations made, with
 * the keys of the members who lose their place, and so on, until nothing is left. Every path
 * that deletes keys (revoking one, removing or losing a member) goes through here, so a leaked
 * key's grants end however the key ends. `keys` picks the first keys: by id, or by creator.
 * Returns the user ids whose memberships ended. Run it inside `changeApiKeyAccess` (the callers
 * do), so that the keys it deletes leave every process's key cache.
 */
export async function deleteKeysWithGrants(
  tx: Prisma.TransactionClient,
  workspaceId: string,
  keys: { ids: string[] } | { createdBy: string[] },
): Promise<string[]> {
  const ended: string[] = [];
  let where: Prisma.ApiKeyWhereInput = "ids" in keys ? { id: { in: keys.ids } } : { createdById: { in: keys.createdBy } };
  for (;;) {
    const ids = (await tx.apiKey.findMany({ where: { workspaceId, ...where }, select: { id: true } })).map((k) => k.id);
    if (ids.length === 0) return ended;
    const granted = await tx.membership.findMany({ where: { workspaceId, grantedByApiKeyId: { in: ids } }, select: { userId: true } });
    const userIds = granted.map((m) => m.userId);
    await tx.membership.deleteMany({ where: { workspaceId, grantedByApiKeyId: { in: ids } } });
    await tx.apiKey.deleteMany({ where: { workspaceId, id: { in: ids } } });
    ended.push(...userIds);
    where = { createdById: { in: userIds } };
  }
}
