import { db } from "@/lib/db";
import type { PyramidLevel } from "../pyramid";

const ORDER = ["sport", "trad", "boulder"];

/**
 * The stored pyramids of one source, or of every source of the workspace. With several sources a
 * discipline appears once per source (each keeps its own grade system), tagged with its source.
 */
export async function readPyramids(workspaceId: string, sourceId?: string) {
  const rows = await (await db()).logbookPyramid.findMany({
    where: { source: { workspaceId, ...(sourceId ? { id: sourceId } : {}) } },
    orderBy: [{ sourceId: "asc" }],
  });
  const rank = (d: string) => (ORDER.includes(d) ? ORDER.indexOf(d) : ORDER.length);
  return rows
    .sort((a, b) => rank(a.discipline) - rank(b.discipline) || a.discipline.localeCompare(b.discipline))
    .map((p) => ({
      discipline: p.discipline,
      source_id: p.sourceId,
      system: p.system,
      top_grade: p.topGrade,
      levels: p.levels as unknown as PyramidLevel[],
    }));
}
