import { describe, expect, it } from "vitest";
import * as route from "./route";

describe("an /api path no route matches", () => {
  it.each(["GET", "POST", "PUT", "PATCH", "DELETE"] as const)("answers %s with the API's JSON 404", async (method) => {
    const res = await route[method](new Request("http://localhost/api/v1/no-such-thing", { method, headers: { "x-request-id": "req-404" } }));
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("x-request-id")).toBe("req-404");
    expect(await res.json()).toEqual({ error: { type: "NotFoundError", message: expect.stringContaining("/api/v1/openapi.json") }, request_id: "req-404" });
  });
});
