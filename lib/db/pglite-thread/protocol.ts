import type { IsolationLevel, SqlQuery } from "@prisma/driver-adapter-utils";

/** What the app's thread asks of the database thread; `tx` names an open transaction. */
export type ThreadRequest =
  | { op: "open"; dataDir?: string; image?: Blob }
  | { op: "query"; tx?: number; text: string; params?: unknown[]; name?: string }
  | { op: "exec"; tx?: number; script: string }
  | { op: "begin" }
  | { op: "end"; tx: number; commit: boolean }
  | { op: "prisma.query"; tx?: number; query: SqlQuery }
  | { op: "prisma.execute"; tx?: number; query: SqlQuery }
  | { op: "prisma.script"; script: string }
  | { op: "prisma.begin"; isolationLevel?: IsolationLevel }
  | { op: "prisma.end"; tx: number; commit: boolean }
  | { op: "close" };

/**
 * An error as it crosses threads: its message, name and own fields (PostgreSQL's `code`,
 * `constraint`, `detail`; a Prisma driver error's `cause`), so the app's thread can throw one the
 * callers recognise.
 */
export type ThreadError = { name: string; message: string; fields: Record<string, unknown> };

export type ThreadReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: ThreadError };

export function toThreadError(error: unknown): ThreadError {
  if (!(error instanceof Error)) return { name: "Error", message: String(error), fields: {} };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    if (value === undefined || typeof value === "function") continue;
    fields[key] = value;
  }
  // A Prisma driver error's payload lives in `cause`, which is not always enumerable.
  if ("cause" in error && error.cause !== undefined && typeof error.cause === "object") fields.cause = error.cause;
  return { name: error.name, message: error.message, fields };
}

export function fromThreadError(e: ThreadError): Error {
  const error = new Error(e.message);
  Object.assign(error, e.fields);
  // The name last: it is what callers test (`DriverAdapterError`, PGlite's `DatabaseError`).
  Object.defineProperty(error, "name", { value: e.name, enumerable: false, writable: true, configurable: true });
  return error;
}
