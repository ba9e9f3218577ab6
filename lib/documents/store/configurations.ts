import type { ConfigurationVersion, ExtractionConfiguration } from "@prisma/client";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { decodeCursor, encodeCursor } from "@/lib/jobs";
import type { ConfigurationSettings } from "../schemas";
import { recordEvent } from "../timeline";

type WithLatest = ExtractionConfiguration & { versions: ConfigurationVersion[] };

export const settingsOf = (v: ConfigurationVersion): ConfigurationSettings => v.settings as ConfigurationSettings;

export function presentConfiguration(c: WithLatest, opts: { versions?: boolean } = {}) {
  const latest = c.versions.find((v) => v.version === c.version) ?? c.versions[0];
  return {
    configuration_id: c.id,
    name: c.name,
    version: c.version,
    ...settingsOf(latest),
    created_at: c.createdAt.toISOString(),
    updated_at: c.updatedAt.toISOString(),
    ...(opts.versions ? { versions: [...c.versions].sort((a, b) => b.version - a.version).map((v) => ({ version: v.version, name: v.name, ...settingsOf(v), created_at: v.createdAt.toISOString() })) } : {}),
  };
}

export async function getConfiguration(workspaceId: string, id: string, opts: { allVersions?: boolean } = {}): Promise<WithLatest> {
  const c = await (await db()).extractionConfiguration.findFirst({
    where: { id, workspaceId },
    include: { versions: opts.allVersions ? { orderBy: { version: "desc" } } : { orderBy: { version: "desc" }, take: 1 } },
  });
  if (!c) throw notFound("Configuration");
  return c;
}

export async function listConfigurations(workspaceId: string, opts: { cursor?: string; limit: number }) {
  const after = opts.cursor ? decodeCursor(opts.cursor) : undefined;
  const rows = await (await db()).extractionConfiguration.findMany({
    where: { workspaceId, ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}) },
    include: { versions: { orderBy: { version: "desc" }, take: 1 } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: opts.limit + 1,
  });
  const page = rows.slice(0, opts.limit);
  return { items: page.map((c) => presentConfiguration(c)), next_cursor: rows.length > opts.limit ? encodeCursor(page[page.length - 1]) : null };
}

export async function createConfiguration(workspaceId: string, userId: string, input: { name: string } & Omit<ConfigurationSettings, "pages"> & { pages?: string | null }) {
  const { name, ...rest } = input;
  const settings: ConfigurationSettings = { method: rest.method, pages: rest.pages ?? null, header_rows: rest.header_rows, merge_across_pages: rest.merge_across_pages };
  const prisma = await db();
  const created = await prisma.$transaction(async (tx) => {
    const c = await tx.extractionConfiguration.create({ data: { workspaceId, name, version: 1, versions: { create: { version: 1, name, settings, createdById: userId } } } });
    await recordEvent({ workspaceId, subjectType: "configuration", subjectId: c.id, type: "configuration.created", data: { version: 1, name, ...settings } }, tx);
    return c;
  });
  return getConfiguration(workspaceId, created.id);
}

/** A PATCH adds a version: the latest settings with the changes; jobs keep the version they used. */
export async function updateConfiguration(workspaceId: string, userId: string, id: string, changes: Partial<ConfigurationSettings> & { name?: string }) {
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const c = await tx.extractionConfiguration.findFirst({ where: { id, workspaceId }, include: { versions: { orderBy: { version: "desc" }, take: 1 } } });
    if (!c) throw notFound("Configuration");
    const { name = c.name, ...rest } = changes;
    const settings: ConfigurationSettings = { ...settingsOf(c.versions[0]), ...rest };
    const version = c.version + 1;
    // The version check makes two concurrent PATCHes add two versions, never overwrite one.
    const { count } = await tx.extractionConfiguration.updateMany({ where: { id, version: c.version }, data: { name, version } });
    if (count !== 1) throw notFound("Configuration");
    await tx.configurationVersion.create({ data: { configurationId: id, version, name, settings, createdById: userId } });
    await recordEvent({ workspaceId, subjectType: "configuration", subjectId: id, type: "configuration.updated", data: { version, name, changed: Object.keys(changes) } }, tx);
  });
  return getConfiguration(workspaceId, id, { allVersions: true });
}

/** Deletes a configuration and its versions; jobs that used it keep a copy of their settings. */
export async function deleteConfiguration(workspaceId: string, id: string): Promise<void> {
  const prisma = await db();
  await getConfiguration(workspaceId, id);
  await prisma.$transaction([
    prisma.extractionConfiguration.delete({ where: { id } }),
    prisma.documentEvent.deleteMany({ where: { workspaceId, subjectType: "configuration", subjectId: id } }),
  ]);
}
