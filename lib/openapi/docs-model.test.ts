import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "./document";
import { buildDocsModel } from "./docs-model";

const sections = buildDocsModel(buildOpenApiDocument(), "https://conveyor.example.com");
const op = (id: string) => sections.flatMap((s) => s.operations).find((o) => o.id === id)!;

describe("API docs model", () => {
  it("groups operations by tag", () => {
    const tags = sections.map((s) => s.tag);
    expect(tags).toEqual([...tags].sort((a, b) => a.localeCompare(b)));
    expect(new Set(tags).size).toBe(tags.length);
    expect(sections.find((s) => s.tag === "Jobs")!.operations.map((o) => o.id)).toEqual(
      expect.arrayContaining(["listJobs", "getJob", "listJobEvents", "getJobResult", "deleteJob"]),
    );
  });

  it("lists parameters with types and required flags", () => {
    expect(op("listJobs").parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ in: "query", name: "status", type: '"queued" | "running" | "succeeded" | "failed" | "canceled"', required: false }),
        expect.objectContaining({ in: "query", name: "limit", type: "integer" }),
      ]),
    );
    expect(op("getJob").parameters).toEqual([expect.objectContaining({ in: "path", name: "id", required: true, type: "string" })]);
  });

  it("flattens response schemas through $refs, arrays and nested objects", () => {
    const ok = op("listJobs").responses.find((r) => r.status === "200")!;
    expect(ok.schemaName).toBe("JobList");
    const names = ok.rows.map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(["data", "data[].job_id", "data[].error.type", "next_cursor"]));
    expect(ok.rows.find((r) => r.name === "data")!.type).toBe("object[]");
    expect(ok.rows.find((r) => r.name === "data[].created_at")!.type).toBe("string (date-time)");
    expect(ok.rows.find((r) => r.name === "next_cursor")).toMatchObject({ type: "string | null", required: true });
    // Errors point at the shared shape rather than repeating it.
    const notFound = op("getJob").responses.find((r) => r.status === "404")!;
    expect(notFound).toMatchObject({ schemaName: "Error", rows: [] });
  });

  it("writes curl examples with auth, method and the deployment's URL", () => {
    expect(op("listJobs").curl).toBe('curl \\\n  -H "X-API-Key: $CONVEYOR_API_KEY" \\\n  "https://conveyor.example.com/api/v1/jobs"');
    expect(op("deleteJob").curl).toContain("-X DELETE");
    expect(op("deleteJob").curl).toContain('"https://conveyor.example.com/api/v1/jobs/$ID"');
    expect(op("getJobResult").curl).toContain("-OJ");
    expect(op("getHealth").curl).not.toContain("X-API-Key");
    expect(op("getHealth").auth).toBe("none");
  });
});

describe("constraints", () => {
  it("shows defaults and ranges beside the type", () => {
    expect(op("listJobs").parameters.find((p) => p.name === "limit")!.constraints).toBe("default 20, 1..100");
    expect(op("listJobEvents").parameters.find((p) => p.name === "limit")!.constraints).toBe("default 200, 1..1000");
    expect(op("listJobs").parameters.find((p) => p.name === "cursor")!.constraints).toBe("≤ 200 chars");
  });
});
