import type { SqlRunner } from "@/lib/db";
import { at, json } from "./store/sql";

/**
 * Run and step metadata as Inngest keeps it (`client.score`, `step.score`, `metadata` on a step op,
 * AI attributes): updates of one kind at one place (the run, or a step) merge their values
 * (op `merge`, the only one inngest-js sends). The dev server shows them on the run's trace.
 */
export type MetadataUpdate = { kind: string; scope?: string; op?: string; values: Record<string, unknown> };
export type MetadataEntry = { scope: string; stepKey: string; kind: string; values: Record<string, unknown>; updatedAt: string };

/** Inngest's limits per update: kinds are short names, values a modest object. */
const MAX_KIND = 256;
const MAX_VALUES_BYTES = 64 * 1024;
const MAX_UPDATES = 100;

export class MetadataError extends Error {}

/** Checks and normalises updates; throws MetadataError with the reason. */
export function readUpdates(raw: unknown): MetadataUpdate[] {
  if (!Array.isArray(raw)) throw new MetadataError("metadata must be an array");
  if (raw.length > MAX_UPDATES) throw new MetadataError(`at most ${MAX_UPDATES} metadata updates per request`);
  return raw.map((u, i) => {
    const v = u as Record<string, unknown>;
    if (!v || typeof v !== "object") throw new MetadataError(`metadata[${i}] must be an object`);
    if (typeof v.kind !== "string" || v.kind === "" || v.kind.length > MAX_KIND) throw new MetadataError(`metadata[${i}].kind must be a name`);
    if (v.op !== undefined && v.op !== "merge") throw new MetadataError(`metadata[${i}].op must be "merge"`);
    if (!v.values || typeof v.values !== "object" || Array.isArray(v.values)) throw new MetadataError(`metadata[${i}].values must be an object`);
    if (JSON.stringify(v.values).length > MAX_VALUES_BYTES) throw new MetadataError(`metadata[${i}].values is larger than 64 KB`);
    return { kind: v.kind, scope: typeof v.scope === "string" ? v.scope : undefined, op: "merge", values: v.values as Record<string, unknown> };
  });
}

/** Merges updates into a run's metadata (`stepKey` "" for the run itself). */
export async function saveMetadata(sql: SqlRunner, runId: string, stepKey: string, updates: MetadataUpdate[], now: number): Promise<void> {
  if (updates.length === 0) return;
  // An update scoped to the run (a step op may carry one: a run score given inside a step) goes to the run.
  // Updates for the same place and kind are merged here first: one INSERT may not touch a row twice.
  const merged = new Map<string, { scope: string; key: string; kind: string; values: Record<string, unknown> }>();
  for (const u of updates) {
    const scope = u.scope ?? (stepKey ? "step" : "run");
    const key = scope === "run" ? "" : stepKey;
    const id = JSON.stringify([scope, key, u.kind]);
    const prev = merged.get(id);
    merged.set(id, { scope, key, kind: u.kind, values: { ...prev?.values, ...u.values } });
  }
  const rows = [...merged.values()];
  await sql.query(
    `INSERT INTO engine_metadata (run_id, scope, step_key, kind, values, updated_at)
     SELECT $1, e->>'scope', e->>'key', e->>'kind', e->'values', $3 FROM jsonb_array_elements($2::jsonb) AS e
     ON CONFLICT (run_id, scope, step_key, kind) DO UPDATE SET values = engine_metadata.values || EXCLUDED.values, updated_at = EXCLUDED.updated_at`,
    [runId, json(rows), at(now)],
  );
}

export async function metadataOfRun(sql: SqlRunner, runId: string): Promise<MetadataEntry[]> {
  const rows = await sql.query<{ scope: string; step_key: string; kind: string; values: Record<string, unknown>; updated_at: Date }>(
    `SELECT scope, step_key, kind, values, updated_at FROM engine_metadata WHERE run_id = $1 ORDER BY updated_at, kind`,
    [runId],
  );
  return rows.map((r) => ({ scope: r.scope, stepKey: r.step_key, kind: r.kind, values: r.values, updatedAt: new Date(r.updated_at).toISOString() }));
}

/** The `metadata` a step op carries (step scope), if any; malformed entries are dropped. */
export function opMetadata(op: unknown): MetadataUpdate[] {
  const raw = (op as { metadata?: unknown } | null)?.metadata;
  if (!Array.isArray(raw) || raw.length === 0) return [];
  try {
    return readUpdates(raw);
  } catch {
    return [];
  }
}
