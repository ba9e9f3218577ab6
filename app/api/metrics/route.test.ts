import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/db/testing";
import { resetEnvCache } from "@/lib/env";
import { createJob, failJob, startJob } from "@/lib/jobs";
import { GET } from "./route";

const database = useTestDatabase();

beforeAll(async () => {
  const { prisma } = database();
  const ws = await prisma.workspace.create({ data: { name: "m", slug: "m" } });
  const make = (kind: string) => createJob({ workspaceId: ws.id, createdById: null, kind });
  await make("forms");
  await make("forms");
  const running = await make("forms");
  await startJob(running.id, { stage: "detect" });
  const failed = await make("logbook");
  await failJob(failed.id, { type: "X", detail: "x" });
});
afterEach(() => {
  delete process.env.METRICS_TOKEN;
  resetEnvCache();
});

const scrape = (headers: Record<string, string> = {}) => GET(new Request("http://localhost/api/metrics", { headers }));

describe("GET /api/metrics", () => {
  it("exposes job gauges from the database, the duration histogram and HTTP durations", async () => {
    await scrape();
    const res = await scrape();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain('conveyor_jobs{kind="forms",status="queued"} 2');
    expect(text).toContain('conveyor_jobs{kind="forms",status="running"} 1');
    expect(text).toContain('conveyor_jobs{kind="logbook",status="failed"} 1');
    expect(text).toContain('conveyor_jobs_in_progress{kind="forms"} 1');
    expect(text).not.toContain('conveyor_jobs_in_progress{kind="logbook"}');
    expect(text).toContain('conveyor_job_duration_seconds_count{kind="logbook",status="failed"} 1');
    expect(text).toMatch(/conveyor_http_request_duration_seconds_count\{method="GET",route="\/api\/metrics",status="200"\} [1-9]/);
  });

  it("follows the database: counts change as jobs do", async () => {
    const { prisma } = database();
    await prisma.job.updateMany({ where: { status: "queued" }, data: { status: "canceled" } });
    const text = await (await scrape()).text();
    expect(text).not.toContain('conveyor_jobs{kind="forms",status="queued"}');
    expect(text).toContain('conveyor_jobs{kind="forms",status="canceled"} 2');
  });

  it("requires the bearer token when METRICS_TOKEN is set", async () => {
    process.env.METRICS_TOKEN = "a-long-metrics-token-1234";
    resetEnvCache();
    const none = await scrape();
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
    expect((await none.json()).error.type).toBe("UnauthorizedError");
    expect((await scrape({ authorization: "Bearer wrong-token-of-some-length" })).status).toBe(401);
    const ok = await scrape({ authorization: "Bearer a-long-metrics-token-1234" });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("conveyor_jobs");
  });
});
