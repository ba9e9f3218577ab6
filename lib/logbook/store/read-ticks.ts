import type { LogbookTick, Prisma } from "@prisma/client";
import { db } from "@/lib/db";
import { decodeCursor, encodeCursor } from "@/lib/jobs";

export type TickFilter = { sourceId?: string; discipline?: string; send?: boolean; cursor?: string; limit: number };

/** Ticks in the order they were stored (an export's order), `limit` at a time; the cursor is the last row's id. */
export async function listTicks(workspaceId: string, filter: TickFilter): Promise<{ ticks: LogbookTick[]; nextCursor: string | null }> {
  const where: Prisma.LogbookTickWhereInput = {
    workspaceId,
    ...(filter.sourceId ? { sourceId: filter.sourceId } : {}),
    ...(filter.discipline ? { discipline: filter.discipline } : {}),
    ...(filter.send !== undefined ? { send: filter.send } : {}),
  };
  const after = filter.cursor ? decodeCursor(filter.cursor) : null;
  if (after) where.id = { gt: after.id };
  const rows = await (await db()).logbookTick.findMany({
    where,
    orderBy: [{ id: "asc" }],
    take: filter.limit + 1,
  });
  const more = rows.length > filter.limit;
  const page = more ? rows.slice(0, filter.limit) : rows;
  const last = page[page.length - 1];
  return { ticks: page, nextCursor: more && last ? encodeCursor({ id: last.id, createdAt: new Date(0) }) : null };
}

export function presentTick(t: LogbookTick) {
  return {
    id: t.id,
    source_id: t.sourceId,
    date: t.date?.toISOString().slice(0, 10) ?? null,
    date_precision: t.datePrecision,
    route: t.route,
    location: t.location,
    url: t.url,
    discipline: t.discipline,
    route_types: t.routeTypes,
    style: t.style,
    send: t.send,
    rating: t.rating,
    grade: t.grade,
    grade_system: t.gradeSystem,
    grade_step: t.gradeStep,
    difficulty_score: t.gradeScore,
    danger: t.danger,
    aid: t.aid,
    pitches: t.pitches,
    length_m: t.lengthM,
    length_ft: t.lengthFt,
    avg_stars: t.avgStars,
    your_stars: t.yourStars,
    notes: t.notes,
  };
}
