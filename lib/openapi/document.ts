import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiResponsesObject } from "zod-openapi";
import type { ZodType } from "zod";
import { isPermission, PERMISSIONS, type Permission } from "@/lib/auth/permissions";
import { getEnv } from "@/lib/env";
import type { Operation } from "@/lib/http/operation";
import packageJson from "@/package.json";
import { catalogOperations, type NamedOperation } from "./collect";
import { errorSchema, STANDARD_ERRORS } from "./error-schema";

export type OpenApiDocument = ReturnType<typeof createDocument>;

// Every role some permission names (the table maps permissions to rules, each with its roles).
const ROLES = new Set(Object.values(PERMISSIONS).flatMap((rule) => rule.roles));

export const SECURITY_SCHEMES = {
  sessionCookie: {
    type: "apiKey",
    in: "cookie",
    name: "next-auth.session-token",
    description: "The browser session after signing in (`__Secure-next-auth.session-token` over HTTPS).",
  },
  apiKey: { type: "apiKey", in: "header", name: "X-API-Key", description: "A workspace API key (`cvk_...`)." },
  bearer: { type: "http", scheme: "bearer", description: "The same API key as `Authorization: Bearer cvk_...`." },
} as const;

const AUTHENTICATED = Object.keys(SECURITY_SCHEMES).map((name) => ({ [name]: [] }));

/** The error statuses an operation can answer, from what it declares. */
export function standardErrorStatuses(op: Operation): number[] {
  const statuses = new Set<number>();
  const hasBody = !!op.body || !!op.multipart;
  if (op.body) statuses.add(400);
  if ((op.auth ?? "required") === "required") statuses.add(401);
  if (op.permission && !isPermission(op.permission)) throw new Error(`${op.method} ${op.path}: unknown permission ${op.permission}`);
  const permission = op.permission ? PERMISSIONS[op.permission as Permission] : undefined;
  if (op.operators || (permission && (permission.roles.length < ROLES.size || "notByKey" in permission))) statuses.add(403);
  if (op.params) statuses.add(404);
  if (hasBody) statuses.add(413).add(415);
  if (op.params || op.query || hasBody) statuses.add(422);
  if (op.rateLimit) statuses.add(429);
  statuses.add(500);
  return [...statuses];
}

function responses(op: Operation): ZodOpenApiResponsesObject {
  const out: ZodOpenApiResponsesObject = {};
  const declared = Object.entries(op.responses).map(([status, r]) => [Number(status), r] as const);
  for (const status of standardErrorStatuses(op)) {
    if (!op.responses[status]) declared.push([status, { description: STANDARD_ERRORS[status] }]);
  }
  for (const [status, r] of declared.sort((a, b) => a[0] - b[0])) {
    const key = String(status) as `${1 | 2 | 3 | 4 | 5}${string}`;
    if (r.schema) out[key] = { description: r.description, content: { "application/json": { schema: r.schema } } };
    else if (r.contentType) {
      const binary = !r.contentType.startsWith("text/");
      out[key] = { description: r.description, content: { [r.contentType]: { schema: binary ? { type: "string", format: "binary" } : { type: "string" } } } };
    } else if (status >= 400) {
      out[key] = {
        description: r.description,
        content: { "application/json": { schema: errorSchema } },
        ...(status === 429 ? { headers: { "Retry-After": { description: "Seconds to wait", schema: { type: "integer" } } } } : {}),
      };
    } else out[key] = { description: r.description };
  }
  return out;
}

function multipartSchema(m: NonNullable<Operation["multipart"]>) {
  const properties = Object.fromEntries(
    Object.entries(m.fields).map(([name, f]) => [
      name,
      f.type === "file" ? { type: "string" as const, format: "binary", description: f.description } : { type: "string" as const, description: f.description },
    ]),
  );
  const required = Object.entries(m.fields).filter(([, f]) => f.required).map(([name]) => name);
  return { type: "object" as const, properties, ...(required.length ? { required } : {}) };
}

function operationObject({ operationId, op }: NamedOperation): ZodOpenApiOperationObject {
  const auth = op.auth ?? "required";
  const params = op.params as ZodType<unknown, Record<string, unknown>> | undefined;
  const query = op.query as ZodType<unknown, Record<string, unknown>> | undefined;
  return {
    operationId,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: op.tags,
    security: auth === "none" ? [] : auth === "optional" ? [{}, ...AUTHENTICATED] : AUTHENTICATED,
    ...(op.permission ? { "x-permission": op.permission } : {}),
    ...(params || query ? { requestParams: { ...(params ? { path: params } : {}), ...(query ? { query } : {}) } } : {}),
    ...(op.body
      ? { requestBody: { required: true, content: { "application/json": { schema: op.body } } } }
      : op.multipart
        ? { requestBody: { required: true, description: op.multipart.description, content: { "multipart/form-data": { schema: multipartSchema(op.multipart) } } } }
        : {}),
    responses: responses(op),
  };
}

/** The OpenAPI 3.1 document of every operation in the catalog, from the handlers' own zod schemas. */
export function buildOpenApiDocument(operations: NamedOperation[] = catalogOperations()): OpenApiDocument {
  const paths: Record<string, Record<string, ZodOpenApiOperationObject>> = {};
  for (const named of operations) {
    (paths[named.op.path] ??= {})[named.op.method.toLowerCase()] = operationObject(named);
  }
  const tags = [...new Set(operations.flatMap((o) => o.op.tags))].sort().map((name) => ({ name }));
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "Conveyor API",
      version: packageJson.version,
      description:
        "Durable, observable background jobs. Authenticate with an API key (`X-API-Key` or `Authorization: Bearer`) " +
        "or a browser session. Every error has one shape: `{error: {type, message, details?}, request_id}`.",
    },
    tags,
    paths,
    components: { securitySchemes: SECURITY_SCHEMES, schemas: { Error: errorSchema } },
  });
}

const KEY = Symbol.for("conveyor.openapi-document");
type Holder = { [KEY]?: OpenApiDocument };

/** Built once per process: the catalog does not change while it runs (except under `next dev`). */
export function getOpenApiDocument(): OpenApiDocument {
  if (getEnv().NODE_ENV === "development") return buildOpenApiDocument();
  const g = globalThis as Holder;
  return (g[KEY] ??= buildOpenApiDocument());
}
