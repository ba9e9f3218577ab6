import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { apiRoute } from "./route";
import { json } from "@/lib/http/json";
import { defineOperation } from "@/lib/http/operation";

const echo = apiRoute(
  defineOperation({
    method: "POST",
    path: "/api/test/{id}",
    summary: "echo",
    tags: ["test"],
    auth: "none",
    params: z.object({ id: z.string().regex(/^\d+$/) }),
    query: z.object({ verbose: z.enum(["true", "false"]).optional() }),
    body: z.object({ name: z.string().min(1), count: z.number().int().max(10) }),
    maxBodyBytes: 200,
    responses: { 201: { description: "ok" } },
  }),
  async ({ params, body, query }) => json({ id: params.id, ...body, verbose: query.verbose ?? null }, 201),
);

const call = (body: string, init: { id?: string; type?: string; headers?: Record<string, string> } = {}) =>
  echo(
    new Request(`http://x/api/test/${init.id ?? "7"}`, {
      method: "POST",
      body,
      headers: { "content-type": init.type ?? "application/json", ...init.headers },
    }),
    { params: Promise.resolve({ id: init.id ?? "7" }) },
  );

describe("apiRoute", () => {
  it("validates and passes typed input to the handler", async () => {
    const res = await call(JSON.stringify({ name: "a", count: 2 }));
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ id: "7", name: "a", count: 2, verbose: null });
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("echoes a safe caller request id and replaces an unsafe one", async () => {
    const ok = await call(JSON.stringify({ name: "a", count: 2 }), { headers: { "x-request-id": "abc-123" } });
    expect(ok.headers.get("x-request-id")).toBe("abc-123");
    const bad = await call(JSON.stringify({ name: "a", count: 2 }), { headers: { "x-request-id": "a b\n" } });
    expect(bad.headers.get("x-request-id")).not.toBe("a b\n");
  });

  it("answers 422 listing every invalid field", async () => {
    const res = await call(JSON.stringify({ name: "", count: 99 }), { id: "x" });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.type).toBe("ValidationError");
    expect(body.request_id).toBe(res.headers.get("x-request-id"));
    expect(body.error.details.map((d: { path: string }) => d.path)).toEqual(["params.id"]);
    const res2 = await call(JSON.stringify({ name: "", count: 99 }));
    expect((await res2.json()).error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      "body.count",
      "body.name",
    ]);
  });

  it("answers 422, never a database error, for NUL characters anywhere in params, query or body", async () => {
    const res = await echo(
      new Request("http://x/api/test/7?verbose=tr%00ue", {
        method: "POST",
        body: JSON.stringify({ name: "a\u0000b", count: 1, ["k\u0000"]: ["ok", "n\u0000"] }),
        headers: { "content-type": "application/json" },
      }),
      { params: Promise.resolve({ id: "7\u0000" }) },
    );
    expect(res.status).toBe(422);
    const paths = (await res.json()).error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(["params.id"]);
    const body = await call(JSON.stringify({ name: "a\u0000b", count: 1, list: ["ok", "n\u0000"], ["k\u0000"]: 1 }));
    expect(body.status).toBe(422);
    expect((await body.json()).error.details.map((d: { path: string }) => d.path)).toEqual([
      "body.name",
      "body.list.1",
      "body.k\\u0000",
    ]);
  });

  it("answers 400 for malformed JSON, 415 for another type, 413 past the limit", async () => {
    expect((await call("{nope")).status).toBe(400);
    const wrongType = await call("name=a", { type: "application/x-www-form-urlencoded" });
    expect(wrongType.status).toBe(415);
    expect((await wrongType.json()).error.type).toBe("UnsupportedMediaTypeError");
    const big = await call(JSON.stringify({ name: "x".repeat(500), count: 1 }));
    expect(big.status).toBe(413);
  });

  it("maps AppError and hides unexpected errors", async () => {
    const op = defineOperation({ method: "GET", path: "/t", summary: "t", tags: [], auth: "none", responses: {} });
    const conflict = apiRoute(op, async () => {
      throw new AppError("ConflictError", "already there", 409);
    });
    expect((await conflict(new Request("http://x/t"))).status).toBe(409);
    const crash = apiRoute(op, async () => {
      throw new Error("secret detail password=hunter2");
    });
    const res = await crash(new Request("http://x/t"));
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("hunter2");
    expect(JSON.parse(text).error.type).toBe("InternalError");
  });

  it("answers 401 when auth is required and absent", async () => {
    const op = defineOperation({ method: "GET", path: "/t", summary: "t", tags: [], responses: {} });
    const res = await apiRoute(op, async () => ({}))(new Request("http://x/t"));
    expect(res.status).toBe(401);
    expect((await res.json()).error.type).toBe("UnauthorizedError");
  });
});
