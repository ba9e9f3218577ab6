import type { Prisma } from "@prisma/client";
import { db } from "@/lib/db";
import { TX_OPTIONS } from "@/lib/jobs/transitions";
import type { DisciplinePyramid } from "../pyramid";
import type { CleanTick } from "../ticks/types";

const CHUNK = 1000;

function row(ref: { sourceId: string; workspaceId: string }, t: CleanTick): Prisma.LogbookTickCreateManyInput {
  return {
    sourceId: ref.sourceId,
    workspaceId: ref.workspaceId,
    key: t.key,
    position: t.position,
    date: t.date ? new Date(`${t.date}T00:00:00Z`) : null,
    datePrecision: t.datePrecision,
    route: t.route,
    location: t.location.join(" > "),
    url: t.url,
    discipline: t.discipline,
    routeTypes: t.routeTypes.join(", "),
    style: t.style,
    send: t.send,
    rating: t.rating.raw,
    gradeSystem: t.grade?.system ?? null,
    grade: t.grade?.label ?? null,
    gradeStep: t.grade?.step ?? null,
    gradeScore: t.grade?.score ?? null,
    danger: t.rating.danger ?? null,
    aid: t.rating.aid ?? null,
    pitches: t.pitches,
    lengthFt: t.lengthFt,
    lengthM: t.lengthM,
    avgStars: t.avgStars,
    yourStars: t.yourStars,
    notes: t.notes,
  };
}

/**
 * Makes the stored ticks equal to this sync's, in one transaction: ticks whose key is gone are
 * deleted, new keys inserted, unchanged ones left alone (their ids stay, so cursors hold). Keys
 * count repeats, so two identical rows stay two ticks and re-running a sync adds nothing. The
 * source's pyramids are replaced.
 */
export async function saveSync(
  ref: { sourceId: string; workspaceId: string; jobId: string },
  ticks: CleanTick[],
  pyramids: DisciplinePyramid[],
  now: Date,
): Promise<{ added: number; removed: number }> {
  const prisma = await db();
  return prisma.$transaction(
    async (tx) => {
      const existing = await tx.logbookTick.findMany({ where: { sourceId: ref.sourceId }, select: { id: true, key: true } });
      const incoming = new Set(ticks.map((t) => t.key));
      const have = new Set(existing.map((t) => t.key));
      const gone = existing.filter((t) => !incoming.has(t.key)).map((t) => t.id);
      for (let i = 0; i < gone.length; i += CHUNK) await tx.logbookTick.deleteMany({ where: { id: { in: gone.slice(i, i + CHUNK) } } });
      const fresh = ticks.filter((t) => !have.has(t.key));
      for (let i = 0; i < fresh.length; i += CHUNK) {
        await tx.logbookTick.createMany({ data: fresh.slice(i, i + CHUNK).map((t) => row(ref, t)), skipDuplicates: true });
      }
      await tx.logbookPyramid.deleteMany({ where: { sourceId: ref.sourceId } });
      if (pyramids.length > 0) {
        await tx.logbookPyramid.createMany({
          data: pyramids.map((p) => ({
            sourceId: ref.sourceId,
            discipline: p.discipline,
            system: p.system,
            topGrade: p.top_grade,
            levels: p.levels as unknown as Prisma.InputJsonValue,
            computedAt: now,
          })),
        });
      }
      await tx.logbookSource.update({ where: { id: ref.sourceId }, data: { tickCount: ticks.length, lastSyncedAt: now, lastJobId: ref.jobId } });
      return { added: fresh.length, removed: gone.length };
    },
    { ...TX_OPTIONS, timeout: 120_000 },
  );
}
