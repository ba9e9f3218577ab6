import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { inngest } from "@/inngest/client";
import { createTestUser, routeParams, type TestUser } from "@/lib/auth/testing";
import { useTestDatabase } from "@/lib/db/testing";
import { resetEnvCache } from "@/lib/env";
import { startHarness, until, type Harness } from "@/lib/engine/testing/harness";
import { setLoggerDestination } from "@/lib/logging";
import { createNotionPage, resolveNotionDataSource, uploadImageToNotion } from "@/lib/relay";
import { IMAGES, relayUploadRequest, TEST_DATABASE_ID, useRelayTestEnv, type RelayTestEnv } from "@/lib/relay/testing/env";
import { startStandInNotion, type StandInNotion } from "@/lib/relay/testing/stand-in-notion";
import { GET as getEvents } from "@/app/api/v1/jobs/[id]/events/route";
import { GET as getJob } from "@/app/api/v1/jobs/[id]/route";
import { POST as callbackRoute } from "@/app/api/v1/relay/jobs/[id]/callback/route";
import { GET as getRelayJob } from "@/app/api/v1/relay/jobs/[id]/route";
import { POST as upload } from "@/app/api/v1/relay/jobs/route";
import { createRelayProcess } from "./relay-process";

// Direct mode (RELAY_MODE=notion): the relay job calls the stand-in Notion API itself.
const TOKEN = "ntn_relaytest_5f0c9a7e3b1d4c2a8e6f0b9d7c5a3e1f";
const database = useTestDatabase();
let env: RelayTestEnv;
let h: Harness;
let notion: StandInNotion;
let alpha: TestUser;
const logLines: string[] = [];
/** Holds the upload events back, so a test can run the steps by hand. */
const hold = { uploads: false };

beforeAll(async () => {
  notion = await startStandInNotion({ token: TOKEN, databaseId: TEST_DATABASE_ID });
  env = useRelayTestEnv({ RELAY_MODE: "notion", NOTION_TOKEN: TOKEN, NOTION_BASE_URL: notion.url, RELAY_N8N_WEBHOOK_URL: undefined, RELAY_SIGNING_SECRET: undefined });
  process.env.LOG_LEVEL = "debug"; // every line the relay and the Notion client write, for the token check
  resetEnvCache();
  setLoggerDestination({ write: (line: string) => void logLines.push(line) });
  alpha = await createTestUser();
  h = await startHarness({ functions: (client) => [createRelayProcess(client)] });
  vi.spyOn(inngest, "send").mockImplementation(async (payload) => {
    if (hold.uploads && (payload as { name: string }).name === "relay/image.uploaded") return { ids: [] };
    return h.send(payload as never);
  });
}, 120_000);

afterAll(async () => {
  process.env.LOG_LEVEL = "silent";
  resetEnvCache();
  setLoggerDestination(undefined);
  await h?.close();
  await notion?.close();
  env?.close();
  resetEnvCache();
});

beforeEach(() => {
  notion.faults.length = 0;
  notion.pages.length = 0;
  notion.uploads.clear();
  for (const key of Object.keys(notion.requests) as (keyof StandInNotion["requests"])[]) notion.requests[key] = 0;
  hold.uploads = false;
});

type RelayBody = { status: string; stage: string | null; notion_page_url: string | null; result_message: string | null; completed_at: string | null; error: { type: string; detail: string } | null };

const auth = () => ({ headers: { "x-api-key": alpha.apiKey } });

async function relayJob(id: string): Promise<RelayBody> {
  return (await getRelayJob(new Request(`http://localhost/api/v1/relay/jobs/${id}`, auth()), routeParams({ id }))).json();
}

async function uploadImage(filename = "Whiteboard 3.png", databaseId?: string): Promise<string> {
  const parts: Parameters<typeof relayUploadRequest>[0] = [{ name: "file", filename, data: IMAGES.png }];
  if (databaseId) parts.push({ name: "notion_database_id", value: databaseId });
  const res = await upload(relayUploadRequest(parts, { apiKey: alpha.apiKey }));
  expect(res.status).toBe(202);
  return ((await res.json()) as { job_id: string }).job_id;
}

/** Advances the virtual clock until the job is finished (retries' backoff). */
async function settle(id: string, stepMs = 60_000, maxSteps = 40): Promise<RelayBody> {
  for (let i = 0; i < maxSteps; i++) {
    const job = await relayJob(id);
    if (job.status === "success" || job.status === "failure") return job;
    await h.advance(stepMs);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`job ${id} did not finish`);
}

async function timeline(id: string): Promise<{ type: string; stage: string | null; message: string | null }[]> {
  const res = await getEvents(new Request(`http://localhost/api/v1/jobs/${id}/events`, auth()), routeParams({ id }));
  expect(res.status).toBe(200);
  return database().prisma.jobEvent.findMany({ where: { jobId: id }, orderBy: { id: "asc" }, select: { type: true, stage: true, message: true } });
}

describe("relay-process in direct mode (RELAY_MODE=notion)", () => {
  it("creates the page with the image under the database's data source and completes the job with its URL", async () => {
    const id = await uploadImage();
    const job = await until(async () => {
      const j = await relayJob(id);
      return j.status === "success" || j.status === "failure" ? j : undefined;
    }, 40_000, "the job to finish");
    expect(notion.pages).toHaveLength(1);
    const [page] = notion.pages;
    expect(job).toMatchObject({ status: "success", stage: "waiting", notion_page_url: page.url, result_message: null, error: null });
    expect(job.completed_at).not.toBeNull();
    expect(page).toMatchObject({ title: "Whiteboard 3", dataSourceId: notion.dataSourceId });
    const uploaded = notion.uploads.get(page.fileUploadId!);
    expect(uploaded).toMatchObject({ status: "uploaded", filename: "Whiteboard 3.png", contentType: "image/png" });
    expect(Buffer.compare(uploaded!.bytes!, IMAGES.png)).toBe(0);
    expect(notion.requests).toEqual({ databases: 1, file_uploads: 1, file_upload: 0, send: 1, query: 1, children: 0, pages: 1 });
    expect(page.caption).toBe(`Conveyor relay job ${id}`);

    // The platform's view: the same job as the n8n path ends it.
    const platform = await (await getJob(new Request(`http://localhost/api/v1/jobs/${id}`, auth()), routeParams({ id }))).json();
    expect(platform).toMatchObject({ status: "succeeded", progress: 1 });
    const events = await timeline(id);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(["created", "notion.page_created", "succeeded"]));
    expect(events.filter((e) => e.type === "progress").map((e) => e.stage)).toEqual(expect.arrayContaining(["dispatching", "waiting"]));
    expect(events.at(-1)).toMatchObject({ type: "succeeded", message: "Created in Notion" });
    const row = await database().prisma.relayJob.findUniqueOrThrow({ where: { jobId: id } });
    expect(row).toMatchObject({ notionPageId: page.id, notionFileUploadId: page.fileUploadId, callbackStatus: "success", notionPageUrl: page.url });
  });

  it("a database that does not exist (Notion's 404) fails the job at once with NotionRejectedError", async () => {
    const id = await uploadImage("Receipt.jpg", "fedcba9876543210fedcba9876543210");
    const job = await settle(id);
    expect(job).toMatchObject({ status: "failure", notion_page_url: null, error: { type: "NotionRejectedError" } });
    expect(job.result_message).toMatch(/^Notion refused reading the database: 404 object_not_found: Could not find database/);
    expect(notion.requests).toMatchObject({ databases: 1, file_uploads: 0, pages: 0 });
    expect(notion.pages).toHaveLength(0);
  });

  it("a 429 with Retry-After on the page creation is retried after it; one page only", async () => {
    notion.faults.push({ on: "pages", status: 429, retryAfterSeconds: 120 });
    const id = await uploadImage("Note.png");
    await until(async () => (notion.requests.pages === 1 ? true : undefined), 20_000, "the rate-limited call");
    await new Promise((r) => setTimeout(r, 500));
    await h.advance(60_000); // before Retry-After: no new attempt
    await new Promise((r) => setTimeout(r, 500));
    expect(notion.requests.pages).toBe(1);
    const job = await settle(id);
    expect(job.status).toBe("success");
    expect(notion.requests.pages).toBe(2);
    expect(notion.pages).toHaveLength(1);
    expect(job.notion_page_url).toBe(notion.pages[0].url);
  });

  it("5xx answers while sending the bytes retry the step, which reuses the recorded file upload", async () => {
    notion.faults.push({ on: "send", status: 503 }, { on: "send", status: 500 });
    const id = await uploadImage("Board.png");
    const job = await settle(id);
    expect(job.status).toBe("success");
    expect(notion.requests).toMatchObject({ file_uploads: 1, file_upload: 2, send: 3, pages: 1 });
    expect(notion.pages).toHaveLength(1);
  });

  it("a page whose answer was lost (Notion wrote it, then a 502) is found by its mark on the retry; one page only", async () => {
    notion.faults.push({ on: "pages", status: 502, afterWrite: true });
    const id = await uploadImage("Lost.png");
    await until(async () => (notion.faults.length === 0 ? true : undefined), 20_000, "the lost answer");
    // Another job with the same title, created in between: the search must not take its page.
    const other = await settle(await uploadImage("Lost.png"));
    const job = await settle(id);
    expect(job.status).toBe("success");
    const mine = notion.pages.filter((p) => p.caption === `Conveyor relay job ${id}`);
    expect(mine).toHaveLength(1);
    expect(job.notion_page_url).toBe(mine[0].url);
    expect(other.notion_page_url).not.toBe(mine[0].url);
    expect(notion.pages).toHaveLength(2);
    expect(notion.requests.pages).toBe(2);
  });

  it("5xx through every retry fails the job with NotionUnavailableError", async () => {
    for (let i = 0; i < 5; i++) notion.faults.push({ on: "databases", status: 502 });
    const id = await uploadImage("Down.png");
    const job = await settle(id, 5 * 60_000);
    expect(job).toMatchObject({ status: "failure", error: { type: "NotionUnavailableError" } });
    expect(job.result_message).toMatch(/Notion answered 502 .* while reading the database$/);
    expect(notion.pages).toHaveLength(0);
  });

  it("a step run again (its result not stored before a crash) creates no second page and no second upload", async () => {
    hold.uploads = true;
    const id = await uploadImage("Twice.png");
    const ref = { jobId: id, workspaceId: alpha.workspace.id };
    const source = await resolveNotionDataSource(ref);
    if ("skipped" in source) throw new Error("skipped");
    const first = await uploadImageToNotion(ref);
    const again = await uploadImageToNotion(ref);
    expect(again).toEqual(first);
    if ("skipped" in first) throw new Error("skipped");
    expect(await createNotionPage(ref, source.dataSourceId, first.fileUploadId)).toEqual({ created: true });
    expect(await createNotionPage(ref, source.dataSourceId, first.fileUploadId)).toEqual({ created: false });
    expect(notion.pages).toHaveLength(1);
    expect(notion.requests).toMatchObject({ file_uploads: 1, send: 1, pages: 1 });
    // The engine's run, started late, finds the page and only finishes the job.
    hold.uploads = false;
    await h.send({ name: "relay/image.uploaded", data: { job_id: id, workspace_id: alpha.workspace.id } } as never);
    const job = await settle(id);
    expect(job).toMatchObject({ status: "success", notion_page_url: notion.pages[0].url });
    expect(notion.pages).toHaveLength(1);
  });

  it("callbacks are refused in direct mode (there is no workflow)", async () => {
    const id = await uploadImage("Cb.png");
    const res = await callbackRoute(
      new Request(`http://localhost/api/v1/relay/jobs/${id}/callback`, { method: "POST", body: "{}", headers: { "content-type": "application/json" } }),
      routeParams({ id }),
    );
    expect(res.status).toBe(503);
    expect((await res.json()).error.type).toBe("RelayNotConfiguredError");
    await settle(id);
  });

  it("the token is nowhere: not in the database (jobs, timeline, relay log, engine runs and steps) nor in the logs", async () => {
    const tables = await database().sql.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
    );
    let dump = "";
    for (const { table_name } of tables) {
      const rows = await database().sql.query<{ row: string }>(`SELECT t::text AS row FROM "${table_name}" t`);
      dump += rows.map((r) => r.row).join("\n");
    }
    expect(dump).toContain("Notion refused reading the database"); // the dump is real
    expect(dump).not.toContain(TOKEN);
    expect(dump).not.toContain(TOKEN.slice(4));
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join("\n")).not.toContain(TOKEN.slice(4));
  });
});
