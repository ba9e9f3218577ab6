/**
 * The API reference page's view of the OpenAPI document: operations grouped by tag, parameters,
 * schemas flattened into rows, and a curl example for each. Pure, so the page stays markup only.
 */
import type { OpenApiDocument } from "./document";

type Json = Record<string, unknown>;
export type SchemaRow = { name: string; type: string; required: boolean; description?: string; constraints?: string };
export type DocParameter = SchemaRow & { in: string };
export type DocBody = { contentType: string; rows: SchemaRow[]; description?: string };
export type DocResponse = { status: string; description: string; contentType?: string; schemaName?: string; rows: SchemaRow[] };
export type DocOperation = {
  id: string;
  method: string;
  path: string;
  summary: string;
  description?: string;
  auth: "required" | "optional" | "none";
  permission?: string;
  parameters: DocParameter[];
  body?: DocBody;
  responses: DocResponse[];
  curl: string;
};
export type DocSection = { tag: string; operations: DocOperation[] };

const METHODS = ["get", "post", "put", "patch", "delete"];
const MAX_DEPTH = 5;

export function buildDocsModel(doc: OpenApiDocument, baseUrl: string): DocSection[] {
  const schemas = (doc.components?.schemas ?? {}) as Record<string, Json>;
  const resolve = (s: Json | undefined): Json => {
    let current = s ?? {};
    for (let i = 0; i < 10 && typeof current.$ref === "string"; i++) {
      current = { ...schemas[(current.$ref as string).split("/").pop()!], ...withoutRef(current) };
    }
    return current;
  };
  const sections = new Map<string, DocOperation[]>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = (item as Record<string, Json | undefined>)[method];
      if (!op) continue;
      const security = op.security as Json[] | undefined;
      const auth = security?.length === 0 ? "none" : security?.some((s) => Object.keys(s).length === 0) ? "optional" : "required";
      const parameters = ((op.parameters as Json[] | undefined) ?? []).map((p) => {
        const schema = resolve(p.schema as Json);
        return {
          in: String(p.in),
          name: String(p.name),
          type: typeLabel(schema, resolve),
          required: p.required === true,
          description: (p.description ?? schema.description) as string | undefined,
          constraints: constraints(schema),
        };
      });
      const body = requestBody(op.requestBody as Json | undefined, resolve);
      const responses = Object.entries((op.responses ?? {}) as Record<string, Json>).map(([status, r]) => {
        const [contentType, media] = Object.entries((r.content ?? {}) as Record<string, Json>)[0] ?? [];
        const ref = (media?.schema as Json | undefined)?.$ref as string | undefined;
        const isError = ref?.endsWith("/Error");
        return {
          status,
          description: String(r.description ?? ""),
          contentType,
          schemaName: ref?.split("/").pop(),
          // Every error shares one schema, shown once at the top of the page.
          rows: media && !isError ? flatten(resolve(media.schema as Json), resolve) : [],
        };
      });
      const entry: DocOperation = {
        id: String(op.operationId ?? `${method}-${path}`),
        method: method.toUpperCase(),
        path,
        summary: String(op.summary ?? ""),
        description: op.description as string | undefined,
        auth,
        permission: op["x-permission"] as string | undefined,
        parameters,
        body,
        responses,
        curl: curlExample(method.toUpperCase(), path, baseUrl, auth, parameters, body, op.requestBody as Json | undefined, resolve, responses),
      };
      for (const tag of (op.tags as string[] | undefined) ?? ["Other"]) sections.set(tag, [...(sections.get(tag) ?? []), entry]);
    }
  }
  return [...sections.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([tag, operations]) => ({ tag, operations }));
}

function withoutRef(s: Json): Json {
  const { $ref: _ref, ...rest } = s;
  return rest;
}

type Resolve = (s: Json | undefined) => Json;

export function typeLabel(schema: Json, resolve: Resolve): string {
  const s = resolve(schema);
  if (Array.isArray(s.enum)) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (s.const !== undefined) return JSON.stringify(s.const);
  const variants = (s.anyOf ?? s.oneOf) as Json[] | undefined;
  if (variants) return variants.map((v) => typeLabel(v, resolve)).join(" | ");
  const types = Array.isArray(s.type) ? (s.type as string[]) : s.type ? [s.type as string] : [];
  const label = types
    .map((t) => (t === "array" ? `${typeLabel((s.items as Json) ?? {}, resolve)}[]` : t === "string" && s.format ? `string (${s.format})` : t))
    .join(" | ");
  return label || "any";
}

/** Limits worth showing beside the type: default, range, length. */
export function constraints(s: Json): string | undefined {
  const parts: string[] = [];
  if (s.default !== undefined) parts.push(`default ${JSON.stringify(s.default)}`);
  const range = (min: unknown, max: unknown, unit = "") => {
    const safe = (v: unknown) => typeof v === "number" && Math.abs(v) < Number.MAX_SAFE_INTEGER;
    if (safe(min) && safe(max)) parts.push(`${min}..${max}${unit}`);
    else if (safe(min)) parts.push(`≥ ${min}${unit}`);
    else if (safe(max)) parts.push(`≤ ${max}${unit}`);
  };
  range(s.minimum, s.maximum);
  range(s.minLength, s.maxLength, " chars");
  return parts.length ? parts.join(", ") : undefined;
}

/** Object properties as rows (`data[].job_id`), nested objects expanded a few levels deep. */
export function flatten(schema: Json, resolve: Resolve, prefix = "", depth = 0): SchemaRow[] {
  const s = resolve(schema);
  if (depth > MAX_DEPTH) return [];
  if (s.type === "array" || (Array.isArray(s.type) && s.type.includes("array"))) {
    const items = resolve(s.items as Json);
    return items.properties ? flatten(items, resolve, `${prefix}[]`, depth + 1) : [];
  }
  const properties = s.properties as Record<string, Json> | undefined;
  if (!properties) return [];
  const required = new Set((s.required as string[] | undefined) ?? []);
  const rows: SchemaRow[] = [];
  for (const [name, raw] of Object.entries(properties)) {
    const prop = resolve(raw);
    const full = prefix ? `${prefix}.${name}` : name;
    rows.push({
      name: full,
      type: typeLabel(prop, resolve),
      required: required.has(name),
      description: prop.description as string | undefined,
      constraints: constraints(prop),
    });
    rows.push(...flatten(prop, resolve, full, depth + 1));
  }
  return rows;
}

function requestBody(body: Json | undefined, resolve: Resolve): DocBody | undefined {
  if (!body) return undefined;
  const [contentType, media] = Object.entries((body.content ?? {}) as Record<string, Json>)[0] ?? [];
  if (!contentType) return undefined;
  return { contentType, rows: flatten(resolve(media.schema as Json), resolve), description: body.description as string | undefined };
}

/** A plausible value for a schema: its example, default, first enum value, or a typed placeholder. */
export function exampleValue(schema: Json, resolve: Resolve, depth = 0): unknown {
  const s = resolve(schema);
  if (s.example !== undefined) return s.example;
  if (s.default !== undefined) return s.default;
  if (Array.isArray(s.enum)) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  if (type === "object" && s.properties && depth < MAX_DEPTH) {
    const required = new Set((s.required as string[] | undefined) ?? []);
    return Object.fromEntries(
      Object.entries(s.properties as Record<string, Json>)
        .filter(([name]) => required.has(name))
        .map(([name, p]) => [name, exampleValue(p, resolve, depth + 1)]),
    );
  }
  if (type === "array") return [exampleValue((s.items as Json) ?? {}, resolve, depth + 1)];
  if (type === "integer" || type === "number") return (s.minimum as number | undefined) ?? 1;
  if (type === "boolean") return true;
  return "string";
}

function curlExample(
  method: string,
  path: string,
  baseUrl: string,
  auth: DocOperation["auth"],
  parameters: DocParameter[],
  body: DocBody | undefined,
  rawBody: Json | undefined,
  resolve: Resolve,
  responses: DocResponse[],
): string {
  const url = `${baseUrl}${path.replace(/\{(\w+)\}/g, (_m, name: string) => `$${name.toUpperCase()}`)}`;
  const query = parameters.filter((p) => p.in === "query" && p.required).map((p) => `${p.name}=…`);
  const parts = ["curl"];
  if (method !== "GET") parts.push(`-X ${method}`);
  if (auth !== "none") parts.push(`-H "X-API-Key: $CONVEYOR_API_KEY"`);
  if (responses.some((r) => r.status.startsWith("2") && r.contentType && !r.contentType.includes("json") && !r.contentType.startsWith("text/"))) {
    parts.push("-OJ");
  }
  if (body?.contentType === "application/json") {
    const media = ((rawBody?.content ?? {}) as Record<string, Json>)["application/json"];
    parts.push(`-H "Content-Type: application/json"`, `-d '${JSON.stringify(exampleValue(media?.schema as Json, resolve))}'`);
  } else if (body?.contentType === "multipart/form-data") {
    for (const row of body.rows.filter((r) => r.required || r.type.includes("binary"))) {
      parts.push(row.type.includes("binary") ? `-F "${row.name}=@document.pdf"` : `-F "${row.name}=…"`);
    }
  }
  parts.push(`"${url}${query.length ? `?${query.join("&")}` : ""}"`);
  return parts.join(" \\\n  ");
}
