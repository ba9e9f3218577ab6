/**
 * What the catalog-wide API contract tests need: every operation of lib/openapi/catalog.ts with
 * its route handler, and requests built from the OpenAPI document (example bodies and query
 * values), so operations added by any area are covered the day they join the catalog.
 */
import fs from "node:fs";
import path from "node:path";
import type { Operation } from "@/lib/http/operation";
import { catalogOperations, type NamedOperation } from "@/lib/openapi/collect";
import { buildOpenApiDocument } from "@/lib/openapi/document";
import { exampleValue } from "@/lib/openapi/docs-model";

type Json = Record<string, unknown>;
export type Handler = (req: Request, ctx?: { params: Promise<Record<string, string>> }) => Promise<Response>;
export type CatalogEntry = NamedOperation & { label: string; handler: Handler; pathParams: string[] };

const doc = JSON.parse(JSON.stringify(buildOpenApiDocument())) as Json;
const schemas = ((doc.components as Json)?.schemas ?? {}) as Record<string, Json>;

function resolve(s: Json | undefined): Json {
  let current = s ?? {};
  for (let i = 0; i < 10 && typeof current.$ref === "string"; i++) {
    const { $ref, ...rest } = current;
    current = { ...schemas[($ref as string).split("/").pop()!], ...rest };
  }
  return current;
}

function operationObject(op: Operation): Json {
  return ((doc.paths as Record<string, Json>)[op.path] as Record<string, Json>)[op.method.toLowerCase()];
}

/** `/api/v1/jobs/{id}` -> app/api/v1/jobs/[id]/route.ts */
export function routeFile(apiPath: string): string {
  return path.join(process.cwd(), "app", ...apiPath.split("/").filter(Boolean).map((s) => s.replace(/^\{(\w+)\}$/, "[$1]")), "route.ts");
}

/** Every catalog operation with the handler its route file exports for its method. */
export async function catalogEntries(): Promise<CatalogEntry[]> {
  const out: CatalogEntry[] = [];
  for (const named of catalogOperations()) {
    const file = routeFile(named.op.path);
    if (!fs.existsSync(file)) throw new Error(`${named.op.method} ${named.op.path}: no route file at ${path.relative(process.cwd(), file)}`);
    const mod = (await import(file)) as Record<string, Handler | undefined>;
    const handler = mod[named.op.method];
    if (!handler) throw new Error(`${path.relative(process.cwd(), file)} does not export ${named.op.method}`);
    const pathParams = [...named.op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    out.push({ ...named, label: `${named.op.method} ${named.op.path}`, handler, pathParams });
  }
  return out;
}

/** A JSON body the operation's schema accepts (required fields with example values), or undefined. */
export function exampleBody(op: Operation): unknown {
  if (!op.body) return undefined;
  const media = ((operationObject(op).requestBody as Json)?.content as Record<string, Json>)?.["application/json"];
  return exampleValue(resolve(media?.schema as Json), resolve);
}

/** Required query parameters with example values. */
export function exampleQuery(op: Operation): string {
  const params = ((operationObject(op).parameters as Json[] | undefined) ?? []).filter((p) => p.in === "query" && p.required);
  return params.map((p) => `${encodeURIComponent(String(p.name))}=${encodeURIComponent(String(exampleValue(resolve(p.schema as Json), resolve)))}`).join("&");
}

/**
 * Path parameters for a call: the first one (the resource) is `id`, the others (a page number,
 * a sub-resource) take their schema's example, so only the resource's ownership is in question.
 */
export function pathParams(op: Operation, id: string): Record<string, string> {
  const declared = ((operationObject(op).parameters as Json[] | undefined) ?? []).filter((p) => p.in === "path");
  const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  return Object.fromEntries(
    names.map((name, i) => {
      if (i === 0) return [name, id];
      const schema = resolve(declared.find((p) => p.name === name)?.schema as Json);
      return [name, String(exampleValue(schema, resolve))];
    }),
  );
}

/** The concrete URL of an operation with the given path parameter values. */
export function urlFor(op: Operation, params: Record<string, string>, query = exampleQuery(op)): string {
  const p = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(params[name] ?? "x"));
  return `http://localhost${p}${query ? `?${query}` : ""}`;
}

/** Asserts nothing; returns what is wrong with an error response's shape (empty when fine). */
export async function errorShapeProblems(res: Response): Promise<string[]> {
  const problems: string[] = [];
  const text = await res.clone().text();
  let body: { error?: { type?: unknown; message?: unknown }; request_id?: unknown } | undefined;
  try {
    body = JSON.parse(text);
  } catch {
    return [`not JSON: ${text.slice(0, 80)}`];
  }
  if (typeof body?.error?.type !== "string" || !/^[A-Z][A-Za-z]+$/.test(body.error.type)) problems.push("error.type is not a PascalCase name");
  if (typeof body?.error?.message !== "string" || !body.error.message) problems.push("error.message missing");
  if (typeof body?.request_id !== "string" || body.request_id !== res.headers.get("x-request-id")) problems.push("request_id differs from X-Request-Id");
  if (!/^application\/json/.test(res.headers.get("content-type") ?? "")) problems.push("content-type is not JSON");
  // Stack frames or source paths mean an internal error leaked.
  if (/\bat .+\.(ts|js|mjs):\d+|node_modules|\/work\/|stack/i.test(text)) problems.push("looks like a stack trace");
  return problems;
}
