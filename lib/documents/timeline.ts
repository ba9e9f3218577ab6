import type { Prisma } from "@prisma/client";
import { db } from "@/lib/db";
import { validationFailed } from "@/lib/errors";

export type SubjectType = "document" | "configuration" | "job" | "table" | "export";

export type TimelineEvent = { workspaceId: string; subjectType: SubjectType; subjectId: string; type: string; data?: Prisma.InputJsonObject };

type Tx = Pick<Prisma.TransactionClient, "documentEvent">;

/** Appends events to objects' timelines (in the caller's transaction when given). */
export async function recordEvents(events: TimelineEvent[], tx?: Tx): Promise<void> {
  if (events.length === 0) return;
  const client = tx ?? (await db());
  await client.documentEvent.createMany({ data: events.map((e) => ({ ...e, data: e.data ?? undefined })) });
}

export const recordEvent = (event: TimelineEvent, tx?: Tx) => recordEvents([event], tx);

export type EventResponse = { id: string; type: string; subject_type: string; subject_id: string; data: unknown; created_at: string };

/** One object's timeline, oldest first; the caller has checked the object is the workspace's. */
export async function listEvents(workspaceId: string, subjectType: SubjectType, subjectId: string, opts: { cursor?: string; limit?: number } = {}): Promise<{ items: EventResponse[]; next_cursor: string | null }> {
  const limit = opts.limit ?? 100;
  const after = opts.cursor ? decodeEventCursor(opts.cursor) : undefined;
  const rows = await (await db()).documentEvent.findMany({
    where: { workspaceId, subjectType, subjectId, ...(after !== undefined ? { id: { gt: after } } : {}) },
    orderBy: { id: "asc" },
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  return {
    items: page.map((e) => ({ id: e.id.toString(), type: e.type, subject_type: e.subjectType, subject_id: e.subjectId, data: e.data ?? null, created_at: e.createdAt.toISOString() })),
    next_cursor: rows.length > limit ? Buffer.from(`e${page[page.length - 1].id}`).toString("base64url") : null,
  };
}

function decodeEventCursor(cursor: string): bigint {
  const text = /^[A-Za-z0-9_-]{1,40}$/.test(cursor) ? Buffer.from(cursor, "base64url").toString("utf8") : "";
  if (!/^e\d{1,18}$/.test(text)) throw validationFailed("Invalid cursor", [{ path: "query.cursor", message: "not a cursor from this API", code: "invalid_cursor" }]);
  return BigInt(text.slice(1));
}
