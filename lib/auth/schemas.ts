import { z } from "zod";

/** Emails are compared and stored trimmed and lower-cased. */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "Email must be at most 254 characters")
  .pipe(z.email("Enter a valid email address"));

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN, `Password must be at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `Password must be at most ${PASSWORD_MAX} characters`);

// C0/C1 controls and bidi overrides: invisible, they make names lie about what they say
// ("admin\u202Egnp.exe"), and PostgreSQL refuses NUL outright.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** A one-line, human-given name (people, workspaces, API keys): trimmed, 1..max characters, printable. */
export const nameSchema = (max = 100) =>
  z
    .string()
    .trim()
    .min(1, "Name cannot be empty")
    .max(max, `Name must be at most ${max} characters`)
    .refine((v) => !CONTROL.test(v), "Name cannot contain control characters");

export const displayNameSchema = nameSchema(100);

/** Every stored id (cuid): anything else cannot name a row, so it is refused before a query. */
export const resourceIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "not an id");

/** Control characters stripped from a name that came from elsewhere (an SSO provider). */
export function stripControlCharacters(value: string): string {
  return value.replace(new RegExp(CONTROL.source, "g"), "").trim();
}

export const roleSchema = z.enum(["owner", "member"]);
