import { validationFailed } from "@/lib/errors";

export type JobCursor = { createdAt: Date; id: string };

/** Opaque to clients: base64url of `<created_at ISO>|<id>`, the position of the last row served. */
export function encodeCursor(c: JobCursor): string {
  return Buffer.from(`${c.createdAt.toISOString()}|${c.id}`, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): JobCursor {
  const invalid = () =>
    validationFailed("Invalid cursor", [{ path: "query.cursor", message: "not a cursor from this API", code: "invalid_cursor" }]);
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) throw invalid();
  const [iso, id, ...rest] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(iso ?? "");
  if (rest.length > 0 || !id || !/^[A-Za-z0-9_-]{1,64}$/.test(id) || Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== iso) {
    throw invalid();
  }
  return { createdAt, id };
}
