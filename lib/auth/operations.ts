import { passwordProblem } from "./password-strength";
import { z } from "zod";
import { defineOperation } from "@/lib/http/operation";
import { displayNameSchema, emailSchema, nameSchema, PASSWORD_MAX, PASSWORD_MIN, passwordSchema, resourceIdSchema, roleSchema } from "./schemas";

/** A documented error status; the common ones (400, 401, 413, 415, 422, 429...) are derived by lib/openapi. */
export const error = (description: string) => ({ description });

const workspaceSummary = z.object({ id: z.string(), name: z.string(), slug: z.string() });

export const signUpOperation = defineOperation({
  method: "POST",
  path: "/api/v1/signup",
  summary: "Create an account with email and password",
  description:
    "Creates the user and a personal workspace they own; sign in afterwards through next-auth's credentials callback. The answer never tells whether the email already had an account: for one that did, nothing is created or changed, and the answer has the same status, shape and timing (signing in then works only with that account's password).",
  tags: ["accounts"],
  auth: "none",
  rateLimit: "signup",
  maxBodyBytes: 4096,
  body: z
    .object({ email: emailSchema, password: passwordSchema, name: displayNameSchema.optional() })
    .superRefine((body, ctx) => {
      // One problem per field: a password of the wrong length is reported by its own rule already.
      if (typeof body.password !== "string" || body.password.length < PASSWORD_MIN || body.password.length > PASSWORD_MAX) return;
      const problem = passwordProblem(body.password, { email: String(body.email ?? ""), name: body.name });
      if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
    }),
  responses: {
    201: {
      description: "Account created",
      schema: z.object({
        user: z.object({ id: z.string(), email: z.string(), name: z.string().nullable(), created_at: z.string() }),
        workspace: workspaceSummary,
      }),
    },
    403: error("Sign-up is disabled (SIGNUP_ENABLED) and the email has no pending invitation"),
  },
});

const workspaceWithRole = workspaceSummary.extend({ role: roleSchema });

export const meOperation = defineOperation({
  method: "GET",
  path: "/api/v1/me",
  summary: "The caller, their active workspace and role, and their workspaces",
  tags: ["accounts"],
  responses: {
    200: {
      description: "The caller",
      schema: z.object({
        user: z.object({ id: z.string(), email: z.string(), name: z.string().nullable(), is_operator: z.boolean() }),
        workspace: workspaceSummary,
        role: roleSchema,
        via: z.enum(["session", "api_key"]),
        api_key_id: z.string().nullable(),
        permissions: z.array(z.string()),
        workspaces: z.array(workspaceWithRole),
      }),
    },
  },
});

const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().describe("The first characters of the key, to tell keys apart"),
  created_at: z.string(),
  last_used_at: z.string().nullable().describe("Updated at most once a minute"),
  created_by: z.object({ id: z.string(), email: z.string(), name: z.string().nullable() }),
});

export const createApiKeyOperation = defineOperation({
  method: "POST",
  path: "/api/v1/api-keys",
  summary: "Create an API key (the secret is shown once)",
  description:
    "The key acts for its creator in the current workspace, with the creator's role at the time of each request. Needs a browser session: API keys cannot create keys.",
  tags: ["api-keys"],
  permission: "api_keys.create",
  rateLimit: "api_keys.create",
  maxBodyBytes: 4096,
  body: z.object({ name: nameSchema(100) }),
  responses: {
    201: { description: "Created; `key` is never shown again", schema: apiKeySchema.extend({ key: z.string() }) },
    403: error("Called with an API key (keys cannot create keys)"),
  },
});

export const listApiKeysOperation = defineOperation({
  method: "GET",
  path: "/api/v1/api-keys",
  summary: "List API keys (owners: all of the workspace; members: their own)",
  tags: ["api-keys"],
  permission: "api_keys.read",
  responses: { 200: { description: "Keys, newest first, without secrets", schema: z.object({ api_keys: z.array(apiKeySchema) }) } },
});

export const deleteApiKeyOperation = defineOperation({
  method: "DELETE",
  path: "/api/v1/api-keys/{id}",
  summary: "Revoke an API key; it is refused from the next request on",
  tags: ["api-keys"],
  permission: "api_keys.delete",
  params: z.object({ id: resourceIdSchema }),
  responses: { 204: { description: "Revoked" }, 404: error("No such key in this workspace (members: among their own keys)") },
});

export const signOutEverywhereOperation = defineOperation({
  method: "DELETE",
  path: "/api/v1/sessions",
  summary: "Sign out every browser session of the caller, this one included",
  description:
    "For a lost laptop or a shared computer: every session cookie issued to the caller stops working at once, copies included. API keys are separate credentials and keep working. Needs a browser session.",
  tags: ["accounts"],
  responses: { 204: { description: "Every session ended; this response also clears this browser's cookie" }, 403: error("Called with an API key") },
});

export const authOperations = [
  signUpOperation,
  meOperation,
  createApiKeyOperation,
  listApiKeysOperation,
  deleteApiKeyOperation,
  signOutEverywhereOperation,
];

/** Response shapes, for the browser (imported as types only). */
export type ApiKeyResponse = z.infer<typeof apiKeySchema>;
