import type { ErrorDetail } from "@/lib/errors";

const MAX_DEPTH = 32;

/**
 * Paths of strings holding U+0000 anywhere in a parsed input (object keys included). PostgreSQL
 * stores NUL neither in text nor in jsonb, so such a value would fail deep inside a query as a
 * 500; refusing it at the boundary makes it the caller's 422 for every operation at once.
 */
export function nulCharacterDetails(value: unknown, where: string): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  const visit = (v: unknown, path: string, depth: number) => {
    if (out.length >= 20 || depth > MAX_DEPTH) return;
    if (typeof v === "string") {
      if (v.includes("\u0000")) out.push({ path, message: "must not contain NUL characters", code: "invalid_string" });
      return;
    }
    if (Array.isArray(v)) {
      v.forEach((item, i) => visit(item, `${path}.${i}`, depth + 1));
      return;
    }
    if (v && typeof v === "object") {
      for (const [key, item] of Object.entries(v)) {
        const safeKey = key.replaceAll("\u0000", "\\u0000");
        if (key !== safeKey) out.push({ path: `${path}.${safeKey}`, message: "field names must not contain NUL characters", code: "invalid_key" });
        visit(item, `${path}.${safeKey}`, depth + 1);
      }
    }
  };
  visit(value, where, 0);
  return out;
}
