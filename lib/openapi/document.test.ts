import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineOperation } from "@/lib/http/operation";
import { catalogOperations } from "./collect";
import { buildOpenApiDocument, standardErrorStatuses } from "./document";

/* A parsed JSON document: walked loosely, as a client would. */
type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const doc: Loose = JSON.parse(JSON.stringify(buildOpenApiDocument()));
const METHODS = ["get", "post", "put", "patch", "delete"];
const operations = Object.entries(doc.paths as Record<string, Record<string, Record<string, unknown>>>).flatMap(([p, item]) =>
  METHODS.filter((m) => item[m]).map((m) => ({ path: p, method: m, op: item[m] as Loose })),
);

/** Every `$ref` anywhere in the document. */
function refs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refs(v, out));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "$ref" && typeof v === "string") out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

/** `app/api/v1/jobs/[id]/route.ts` exporting GET and DELETE -> ["GET /api/v1/jobs/{id}", "DELETE ..."]. */
function routeFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...routeFiles(full));
    else if (/^route\.(ts|tsx|js)$/.test(entry.name)) {
      const urlPath = `/${path.relative(process.cwd(), dir).replace(/^app\//, "").split(path.sep).filter((s) => !/^\(.*\)$/.test(s)).join("/")}`
        .replace(/\[\.{3}(\w+)\]/g, "{$1}")
        .replace(/\[(\w+)\]/g, "{$1}");
      const source = fs.readFileSync(full, "utf8");
      for (const m of source.matchAll(/export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)) out.push(`${m[1]} ${urlPath}`);
    }
  }
  return out;
}

describe("OpenAPI document", () => {
  it("is an OpenAPI 3.1 document with info, tags and security schemes", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(["apiKey", "bearer", "sessionCookie"]);
    expect(doc.components.schemas.Error).toBeDefined();
    expect(operations.length).toBeGreaterThanOrEqual(8);
  });

  it("resolves every $ref", () => {
    const all = refs(doc);
    expect(all.length).toBeGreaterThan(10);
    for (const ref of all) {
      const [, kind, name] = /^#\/components\/(\w+)\/(.+)$/.exec(ref) ?? [];
      expect(doc.components?.[kind]?.[name], ref).toBeDefined();
    }
  });

  it("gives every operation a unique id, a summary, tags, a success response and known security schemes", () => {
    const ids = operations.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path: p, method, op } of operations) {
      const label = `${method.toUpperCase()} ${p}`;
      expect(op.summary, label).toBeTruthy();
      expect(op.tags?.length, label).toBeGreaterThan(0);
      expect(Object.keys(op.responses).some((s) => /^2\d\d$/.test(s)), label).toBe(true);
      for (const [status, r] of Object.entries(op.responses as Record<string, Loose>)) {
        expect(r.description, `${label} ${status}`).toBeTruthy();
      }
      for (const requirement of op.security ?? []) {
        for (const name of Object.keys(requirement)) expect(doc.components.securitySchemes[name], label).toBeDefined();
      }
      // Path template parameters are declared, required, and nothing else is "in: path".
      const templated = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const declared = ((op.parameters ?? []) as Loose[]).filter((x) => x.in === "path");
      expect(declared.map((x) => x.name).sort(), label).toEqual(templated);
      expect(declared.every((x) => x.required === true), label).toBe(true);
    }
  });

  it("documents the standard error responses with the shared error schema", () => {
    const getJob = doc.paths["/api/v1/jobs/{id}"].get;
    expect(Object.keys(getJob.responses)).toEqual(expect.arrayContaining(["200", "401", "404", "422"]));
    expect(getJob.responses["404"].content["application/json"].schema.$ref).toBe("#/components/schemas/Error");
    const result = doc.paths["/api/v1/jobs/{id}/result"].get;
    expect(Object.keys(result.responses)).toEqual(expect.arrayContaining(["200", "409", "410"]));
    expect(result.responses["200"].content["application/octet-stream"]).toBeDefined();
    const job = doc.components.schemas.Job;
    expect([...job.required].sort()).toEqual(["created_at", "job_id", "kind", "progress", "stage", "status", "updated_at"]);
    expect(job.properties).toHaveProperty("started_at");
    expect(job.properties).toHaveProperty("finished_at");
    expect(doc.paths["/api/health"].get.security).toEqual([]);
    expect(doc.paths["/api/health"].get.responses["503"].content["application/json"].schema.$ref).toBe("#/components/schemas/Health");
  });

  it("derives error statuses from what an operation declares", () => {
    const op = defineOperation({
      method: "POST",
      path: "/api/v1/things",
      summary: "x",
      tags: ["T"],
      permission: "members.manage",
      rateLimit: "signup",
      body: z.object({ a: z.string() }),
      responses: { 201: { description: "made" } },
    });
    expect(standardErrorStatuses(op).sort()).toEqual([400, 401, 403, 413, 415, 422, 429, 500]);
    const built = buildOpenApiDocument([{ operationId: "makeThing", area: "t", op }]) as Loose;
    const post = built.paths["/api/v1/things"].post;
    expect(post.requestBody.content["application/json"].schema).toMatchObject({ type: "object", required: ["a"] });
    expect(post.responses["429"].headers["Retry-After"]).toBeDefined();
    const open = defineOperation({ method: "GET", path: "/p", summary: "p", tags: ["T"], auth: "none", permission: "jobs.read", responses: { 200: { description: "ok" } } });
    expect(standardErrorStatuses(open)).toEqual([500]);
  });

  it("documents multipart uploads", () => {
    const op = defineOperation({
      method: "POST",
      path: "/api/v1/uploads",
      summary: "upload",
      tags: ["T"],
      multipart: { description: "A PDF", fields: { file: { type: "file", description: "The PDF", required: true }, note: { type: "string", description: "n" } } },
      responses: { 202: { description: "accepted" } },
    });
    const built = buildOpenApiDocument([{ operationId: "upload", area: "t", op }]) as Loose;
    expect(built.paths["/api/v1/uploads"].post.requestBody.content["multipart/form-data"].schema).toEqual({
      type: "object",
      properties: { file: { type: "string", format: "binary", description: "The PDF" }, note: { type: "string", description: "n" } },
      required: ["file"],
    });
  });

  it("covers every route handler under app/api/v1, and documents no route that does not exist", () => {
    const routes = routeFiles(path.join(process.cwd(), "app", "api", "v1")).sort();
    expect(routes).toContain("GET /api/v1/jobs/{id}/result");
    const documented = operations.map((o) => `${o.method.toUpperCase()} ${o.path}`);
    for (const route of routes) expect(documented, `${route} has no operation in lib/openapi/catalog.ts`).toContain(route);
    const v1 = documented.filter((d) => d.split(" ")[1].startsWith("/api/v1/")).sort();
    expect(v1).toEqual(routes);
  });

  it("names operations after their exports", () => {
    expect(catalogOperations().map((o) => o.operationId)).toEqual(expect.arrayContaining(["listJobs", "getJob", "deleteJob", "getHealth"]));
  });
});
