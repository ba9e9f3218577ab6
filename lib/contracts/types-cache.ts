import type { SqlRunner } from "@/lib/db";
import type { EsiClient } from "./esi/client";
import { EsiRetryLaterError } from "./esi/errors";
import { groupSchema, typeSchema } from "./esi/schemas";

export type TypeCounts = { typesFetched: number; typesRefreshed: number; typeFailures: number };

/** The group of every known type, for ship detection. */
export async function typeGroups(sql: SqlRunner, typeIds: number[]): Promise<Map<number, number>> {
  if (typeIds.length === 0) return new Map();
  const rows = await sql.query<{ type_id: number; group_id: number }>(
    "SELECT type_id, group_id FROM eve_types WHERE type_id = ANY($1::int[])",
    [typeIds],
  );
  return new Map(rows.map((r) => [Number(r.type_id), Number(r.group_id)]));
}

/** Group ids whose category is `categoryId` among the groups known locally. */
export async function groupsOfCategory(sql: SqlRunner, categoryId: number): Promise<Set<number>> {
  const rows = await sql.query<{ group_id: number }>("SELECT group_id FROM eve_groups WHERE category_id = $1", [categoryId]);
  return new Set(rows.map((r) => Number(r.group_id)));
}

/**
 * Fetches types never seen before (once each), and their groups, so names and ship detection work.
 * A type that cannot be fetched throws: the contract needing it is retried next run.
 */
export async function ensureTypes(sql: SqlRunner, esi: EsiClient, typeIds: number[], counts: TypeCounts): Promise<void> {
  const known = await typeGroups(sql, typeIds);
  for (const typeId of new Set(typeIds)) {
    if (known.has(typeId)) continue;
    const result = await esi.getCached(`/universe/types/${typeId}`, typeSchema);
    // "unchanged" here means a cached answer for a type we have no row for (a lost row): ask plainly.
    const type = result.status === "ok" ? result.data : await esi.get(`/universe/types/${typeId}`, typeSchema);
    const categoryId = await ensureGroup(sql, esi, type.group_id);
    await sql.query(
      `INSERT INTO eve_types (type_id, name, group_id, category_id, last_refreshed_at, failures)
       VALUES ($1, $2, $3, $4, now(), 0)
       ON CONFLICT (type_id) DO UPDATE SET name = EXCLUDED.name, group_id = EXCLUDED.group_id,
         category_id = EXCLUDED.category_id, last_refreshed_at = now(), failures = 0, last_error = NULL`,
      [type.type_id, type.name, type.group_id, categoryId],
    );
    known.set(typeId, type.group_id);
    counts.typesFetched++;
  }
}

async function ensureGroup(sql: SqlRunner, esi: EsiClient, groupId: number): Promise<number> {
  const [row] = await sql.query<{ category_id: number }>("SELECT category_id FROM eve_groups WHERE group_id = $1", [groupId]);
  if (row) return Number(row.category_id);
  const group = await esi.get(`/universe/groups/${groupId}`, groupSchema);
  await sql.query(
    `INSERT INTO eve_groups (group_id, name, category_id, refreshed_at) VALUES ($1, $2, $3, now())
     ON CONFLICT (group_id) DO UPDATE SET name = EXCLUDED.name, category_id = EXCLUDED.category_id, refreshed_at = now()`,
    [group.group_id, group.name, group.category_id],
  );
  return group.category_id;
}

/**
 * Refreshes up to `limit` types last refreshed more than `days` ago, oldest first. A 304 or a
 * still-fresh cache entry only moves the timestamp; a failure moves it too and counts the failure,
 * so a broken type waits another `days` instead of being retried every run. Being told to wait
 * (420/429) stops the refresh: the remaining types stay due.
 */
export async function refreshTypes(
  sql: SqlRunner,
  esi: EsiClient,
  opts: { limit: number; days: number },
  counts: TypeCounts,
): Promise<void> {
  if (opts.limit <= 0) return;
  const due = await sql.query<{ type_id: number }>(
    `SELECT type_id FROM eve_types WHERE last_refreshed_at < now() - make_interval(days => $1)
     ORDER BY last_refreshed_at, type_id LIMIT $2`,
    [opts.days, opts.limit],
  );
  for (const { type_id } of due) {
    try {
      const result = await esi.getCached(`/universe/types/${type_id}`, typeSchema);
      if (result.status === "ok") {
        const categoryId = await ensureGroup(sql, esi, result.data.group_id);
        await sql.query(
          `UPDATE eve_types SET name = $2, group_id = $3, category_id = $4, last_refreshed_at = now(), failures = 0, last_error = NULL
           WHERE type_id = $1`,
          [type_id, result.data.name, result.data.group_id, categoryId],
        );
      } else {
        await sql.query("UPDATE eve_types SET last_refreshed_at = now(), failures = 0, last_error = NULL WHERE type_id = $1", [type_id]);
      }
      counts.typesRefreshed++;
    } catch (error) {
      if (error instanceof EsiRetryLaterError) throw error;
      counts.typeFailures++;
      await sql.query(
        "UPDATE eve_types SET last_refreshed_at = now(), failures = failures + 1, last_error = $2 WHERE type_id = $1",
        [type_id, error instanceof Error ? error.message.slice(0, 500) : String(error)],
      );
    }
  }
}
