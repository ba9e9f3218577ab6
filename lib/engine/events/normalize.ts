import { badRequest } from "@/lib/errors";
import { newId } from "../ids";
import { resolveEventMeta } from "./sessions";

/** An event as functions receive it. */
export type EventPayload = {
  id: string;
  name: string;
  data: Record<string, unknown>;
  ts: number;
  user?: unknown;
  v?: string;
  [key: string]: unknown;
};

export type StoredEvent = {
  internalId: string;
  /** The sender's own id, when it gave one (idempotency). */
  userEventId?: string;
  payload: EventPayload;
};

/**
 * Validates and completes incoming events the way Inngest's event API does: a name is required,
 * `inngest/` names are reserved for the engine, `data._inngest` is stripped, a missing `ts` is
 * filled in, and every event gets a ULID (its `id` too, unless the sender chose one).
 */
export function normalizeEvents(raw: unknown, now: number, opts: { internal?: boolean } = {}): StoredEvent[] {
  const list = Array.isArray(raw) ? raw : [raw];
  return list.map((item, index) => {
    const where = list.length > 1 ? `events[${index}]` : "event";
    if (!item || typeof item !== "object" || Array.isArray(item)) throw badRequest(`${where} must be an object`);
    const e = item as Record<string, unknown>;
    if (typeof e.name !== "string" || e.name.trim() === "") throw badRequest(`${where}.name is required`);
    if (!opts.internal && e.name.startsWith("inngest/")) {
      throw badRequest(`${where}.name: names starting with "inngest/" are reserved`);
    }
    if (e.data !== undefined && e.data !== null && (typeof e.data !== "object" || Array.isArray(e.data))) {
      throw badRequest(`${where}.data must be an object`);
    }
    const data = { ...((e.data as Record<string, unknown> | null | undefined) ?? {}) };
    if (!opts.internal) delete data._inngest;
    const internalId = newId(now);
    const userEventId = typeof e.id === "string" && e.id.trim() !== "" ? e.id : undefined;
    const ts = typeof e.ts === "number" && Number.isFinite(e.ts) && e.ts > 0 ? Math.floor(e.ts) : now;
    const payload: EventPayload = { ...e, id: userEventId ?? internalId, name: e.name, data, ts };
    payload.user = e.user && typeof e.user === "object" ? e.user : {};
    let meta: Record<string, unknown> | undefined;
    try {
      meta = resolveEventMeta(e.meta);
    } catch (error) {
      throw badRequest(`${where}: ${(error as Error).message}`);
    }
    if (meta) payload.meta = meta;
    else delete payload.meta;
    return { internalId, userEventId, payload };
  });
}

/**
 * Conveyor's convention: `data.workspace_id` names the workspace a run belongs to. Runs started by
 * another run's lifecycle event (onFailure handlers, listeners of function.finished) belong to the
 * workspace of that run's trigger.
 */
export function workspaceOf(event: EventPayload): string | null {
  const data = (event.data ?? {}) as Record<string, unknown>;
  if (typeof data.workspace_id === "string") return data.workspace_id;
  if (event.name.startsWith("inngest/function.")) {
    const original = (data.event as { data?: { workspace_id?: unknown } } | undefined)?.data?.workspace_id;
    if (typeof original === "string") return original;
  }
  return null;
}
