import type { LogbookSource } from "@prisma/client";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import type { SourceKind } from "../ticks/types";

/** The source a job syncs; gone (deleted meanwhile) is a NotFoundError, which fails the job. */
export async function getSourceForJob(ref: { workspaceId: string; sourceId: string }): Promise<LogbookSource> {
  const source = await (await db()).logbookSource.findFirst({ where: { id: ref.sourceId, workspaceId: ref.workspaceId } });
  if (!source) throw notFound("Logbook source");
  return source;
}

/** Connecting the same profile again finds the same source (the re-sync key is kind + external id). */
export async function upsertSource(input: {
  workspaceId: string;
  kind: SourceKind;
  externalId: string;
  profileUrl?: string;
  username?: string;
}): Promise<LogbookSource> {
  return (await db()).logbookSource.upsert({
    where: { workspaceId_kind_externalId: { workspaceId: input.workspaceId, kind: input.kind, externalId: input.externalId } },
    create: { workspaceId: input.workspaceId, kind: input.kind, externalId: input.externalId, profileUrl: input.profileUrl ?? null, username: input.username ?? null },
    update: { ...(input.username ? { username: input.username } : {}), ...(input.profileUrl ? { profileUrl: input.profileUrl } : {}) },
  });
}

export async function listSources(workspaceId: string): Promise<LogbookSource[]> {
  return (await db()).logbookSource.findMany({ where: { workspaceId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}

/** Removes a source with its ticks and pyramids (cascade); another workspace's source is a 404. */
export async function deleteSource(workspaceId: string, id: string): Promise<void> {
  const { count } = await (await db()).logbookSource.deleteMany({ where: { id, workspaceId } });
  if (count === 0) throw notFound("Logbook source");
}

export function presentSource(source: LogbookSource) {
  return {
    id: source.id,
    kind: source.kind as SourceKind,
    profile_url: source.profileUrl,
    username: source.username,
    tick_count: source.tickCount,
    last_synced_at: source.lastSyncedAt?.toISOString() ?? null,
    last_job_id: source.lastJobId,
    created_at: source.createdAt.toISOString(),
  };
}
