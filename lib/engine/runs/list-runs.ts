import { getDatabase, type SqlRunner } from "@/lib/db";
import { badRequest } from "@/lib/errors";

export const RUN_STATUSES = ["queued", "running", "completed", "failed", "cancelled"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export type RunSummary = {
  id: string;
  functionId: string;
  functionName: string | null;
  appId: string;
  status: RunStatus;
  workspaceId: string | null;
  eventName: string;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  retryAt: string | null;
  rerunOf: string | null;
  error: { name: string; message: string } | null;
};

export type ListRunsQuery = {
  functionId?: string;
  status?: RunStatus | RunStatus[];
  /** Runs created at or after / before these times. */
  from?: Date;
  to?: Date;
  /** Only this workspace's runs (workspace owners); omit for operators. */
  workspaceId?: string;
  /** Opaque cursor from the previous page's `nextCursor`. */
  cursor?: string;
  limit?: number;
};

type Row = {
  id: string; function_id: string; function_name: string | null; app_id: string; status: RunStatus;
  workspace_id: string | null; event_name: string; created_at: Date; started_at: Date | null; ended_at: Date | null;
  retry_at: Date | null; rerun_of: string | null; error: RunSummary["error"];
};

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** Newest first, keyset-paginated (stable while new runs arrive). */
export async function listRuns(query: ListRunsQuery = {}, sql?: SqlRunner): Promise<{ runs: RunSummary[]; nextCursor: string | null }> {
  const db = sql ?? (await getDatabase()).sql;
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    where.push(clause.replace("?", `$${params.length}`));
  };
  if (query.functionId) add("r.function_id = ?", query.functionId);
  if (query.status) add("r.status = ANY(?::text[])", Array.isArray(query.status) ? query.status : [query.status]);
  if (query.from) add("r.created_at >= ?", query.from);
  if (query.to) add("r.created_at < ?", query.to);
  if (query.workspaceId !== undefined) add("r.workspace_id = ?", query.workspaceId);
  if (query.cursor) {
    const [t, id] = decodeCursor(query.cursor);
    params.push(new Date(t), id);
    where.push(`(r.created_at, r.id) < ($${params.length - 1}, $${params.length})`);
  }
  params.push(limit + 1);
  const rows = await db.query<Row>(
    `SELECT r.id, r.function_id, f.name AS function_name, r.app_id, r.status, r.workspace_id, r.event_name,
            r.created_at, r.started_at, r.ended_at, r.retry_at, r.rerun_of, r.error
     FROM engine_runs r LEFT JOIN engine_functions f ON f.id = r.function_id
     ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
     ORDER BY r.created_at DESC, r.id DESC LIMIT $${params.length}`,
    params,
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    runs: page.map((r) => ({
      id: r.id, functionId: r.function_id, functionName: r.function_name, appId: r.app_id, status: r.status,
      workspaceId: r.workspace_id, eventName: r.event_name, createdAt: iso(r.created_at)!, startedAt: iso(r.started_at),
      endedAt: iso(r.ended_at), retryAt: r.status === "running" ? iso(r.retry_at) : null, rerunOf: r.rerun_of,
      error: r.error ? { name: r.error.name, message: r.error.message } : null,
    })),
    nextCursor: rows.length > limit && last ? encodeCursor(new Date(last.created_at).getTime(), last.id) : null,
  };
}

function encodeCursor(t: number, id: string): string {
  return Buffer.from(JSON.stringify([t, id])).toString("base64url");
}

function decodeCursor(cursor: string): [number, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(value) && typeof value[0] === "number" && typeof value[1] === "string") return [value[0], value[1]];
  } catch {
    // fall through
  }
  throw badRequest("invalid cursor");
}
