import type { AuthContext } from "@/lib/auth/types";
import { getDatabase } from "@/lib/db";
import { runsViewer } from "./access";
import type { RunFunctionResponse } from "./schemas";


type Row = { id: string; app_id: string; name: string; config: { triggers?: unknown } | null; archived: boolean; updated_at: Date };

function triggersOf(config: Row["config"]): RunFunctionResponse["triggers"] {
  const list = Array.isArray(config?.triggers) ? (config.triggers as Record<string, unknown>[]) : [];
  return list.map((t) => {
    const out: RunFunctionResponse["triggers"][number] = {};
    if (typeof t.event === "string") out.event = t.event;
    if (typeof t.cron === "string") out.cron = t.cron;
    if (typeof t.expression === "string") out.expression = t.expression;
    return out;
  });
}

/**
 * Registered functions, for the runs filter. Workspace owners see Conveyor's own functions that
 * (`appId`, the Inngest client's id) are still registered; operators see every app's, removed ones included (their runs remain).
 */
export async function listFunctionsFor(auth: AuthContext, appId: string): Promise<RunFunctionResponse[]> {
  const { operator } = runsViewer(auth, "runs.read");
  const { sql } = await getDatabase();
  const rows = await sql.query<Row>(
    `SELECT id, app_id, name, config, archived, updated_at FROM engine_functions
     ${operator ? "" : "WHERE app_id = $1 AND NOT archived"}
     ORDER BY archived, app_id, name, id`,
    operator ? [] : [appId],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    app_id: r.app_id,
    triggers: triggersOf(r.config),
    archived: r.archived,
    updated_at: new Date(r.updated_at).toISOString(),
  }));
}
