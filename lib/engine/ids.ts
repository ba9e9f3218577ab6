import { randomBytes } from "node:crypto";
import { monotonicFactory } from "ulid";

const next = monotonicFactory();

/** A ULID stamped with the engine clock's time (run ids, event ids, pause ids). */
export function newId(nowMs: number): string {
  return next(nowMs);
}

/** An unguessable token (lease fencing, worker ids). */
export function token(bytes = 12): string {
  return randomBytes(bytes).toString("hex");
}
