import { randomUUID } from "node:crypto";

const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,128}$/;

/** Keeps a caller's x-request-id when it is safe to echo and log; otherwise makes one. */
export function requestIdFor(req: Request): string {
  const given = req.headers.get("x-request-id");
  return given && ACCEPTABLE.test(given) ? given : randomUUID();
}
