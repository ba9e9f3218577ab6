/**
 * Event sessions (`meta.sessions`), resolved at intake as Inngest's event API does
 * (pkg/event/sessions.go): an event may carry manual sessions (`meta.sessions`: string or number
 * ids; `null` for a key removes an inherited one, `null` for the whole field removes them all) and
 * the sessions an SDK stamped from the sending run (`meta.propagated_sessions`). The stored event
 * has one effective `meta.sessions`: manual ones win, inherited ones fill up to 5 keys in key
 * order; `propagated_sessions` never persists. The SDK derives a run's `ctx.sessions` from it.
 */
const MAX_EVENT_SESSIONS = 5;

export class SessionsError extends Error {}

function readSessions(raw: unknown, manual: boolean): { sessions: Record<string, string>; tombstones: string[]; clearAll: boolean } {
  const out = { sessions: {} as Record<string, string>, tombstones: [] as string[], clearAll: false };
  if (raw === undefined) return out;
  if (raw === null) return { ...out, clearAll: manual };
  if (typeof raw !== "object" || Array.isArray(raw)) throw new SessionsError("meta.sessions must be an object");
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (key === "") throw new SessionsError("event session keys cannot be empty");
    if (value === null && manual) out.tombstones.push(key);
    else if (typeof value === "string") out.sessions[key] = value;
    else if (typeof value === "number" && Number.isFinite(value)) out.sessions[key] = String(value);
    else throw new SessionsError(`event session "${key}" must be a string, number${manual ? ", or null" : ""}`);
  }
  return out;
}

/** The event's `meta` with sessions resolved; undefined when it carries none. */
export function resolveEventMeta(meta: unknown): Record<string, unknown> | undefined {
  if (meta === undefined || meta === null) return undefined;
  if (typeof meta !== "object" || Array.isArray(meta)) throw new SessionsError("meta must be an object");
  const { sessions: rawManual, propagated_sessions: rawPropagated, ...rest } = meta as Record<string, unknown>;
  const manual = readSessions(rawManual, true);
  const propagated = manual.clearAll ? {} : readSessions(rawPropagated, false).sessions;
  for (const key of manual.tombstones) delete propagated[key];
  const merged: Record<string, string> = { ...manual.sessions };
  let room = MAX_EVENT_SESSIONS - Object.keys(merged).length;
  for (const key of Object.keys(propagated).sort()) {
    if (room <= 0) break;
    if (key in merged) continue;
    merged[key] = propagated[key];
    room--;
  }
  const out: Record<string, unknown> = { ...rest };
  if (Object.keys(merged).length > 0) out.sessions = merged;
  return Object.keys(out).length > 0 ? out : undefined;
}
