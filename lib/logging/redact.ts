/**
 * Keys whose values never reach a log line, at any depth. Matching is by key name, so a secret
 * nested in a request body, an error's details or an event payload is caught too.
 */
const SECRET_KEY = /pass(word)?|secret|token|api[-_]?key|authorization|cookie|signature|credential|session/i;

export const REDACTED = "[redacted]";

/**
 * Strings that look like credentials are masked wherever they appear: Conveyor API keys, bearer
 * and basic credentials, Inngest signing keys, JWTs/JWEs (session tokens).
 */
const SECRET_VALUE =
  /\b(cvk_[A-Za-z0-9_-]{8,})|((Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,})|(signkey-[a-z]+-[A-Za-z0-9]{8,})|(eyJ[A-Za-z0-9_-]{8,}(\.[A-Za-z0-9_-]*){1,4})/g;

/** `password=hunter2`, `token: abc`, `"secret":"x"` in free text (error messages, URLs): the value goes. */
const SECRET_ASSIGNMENT =
  /\b((?:pass(?:word|wd)?|pwd|secret|token|api[-_]?key|authorization|cookie|credentials?)["']?\s*[=:]\s*["']?)([^\s"'&,;)]{4,})/gi;

export function redactString(text: string): string {
  return text.replace(SECRET_VALUE, REDACTED).replace(SECRET_ASSIGNMENT, (_m, name: string) => `${name}${REDACTED}`);
}

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8) return "[truncated]";
  if (typeof value === "string") return redactString(value);
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value instanceof Error) {
    return { type: value.name, message: redactString(value.message), stack: value.stack && redactString(value.stack) };
  }
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? REDACTED : redact(v, depth + 1);
    return out;
  }
  return value;
}
