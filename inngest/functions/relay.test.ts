import fs from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { inngest } from "@/inngest/client";
import { createTestUser, routeParams, type TestUser } from "@/lib/auth/testing";
import { useTestDatabase } from "@/lib/db/testing";
import { resetEnvCache } from "@/lib/env";
import { startHarness, until, type Harness } from "@/lib/engine/testing/harness";
import { expireJobResults } from "@/lib/jobs";
import { storedFiles } from "@/lib/forms/jobs/testing";
import { IMAGES, relayUploadRequest, TEST_DATABASE_ID, TEST_RELAY_SECRET, useRelayTestEnv, type RelayTestEnv } from "@/lib/relay/testing/env";
import { serveCallbackRoute } from "@/lib/relay/testing/serve-callback";
import { standInPageUrl, startStandInN8n, type StandInN8n } from "@/lib/relay/testing/stand-in-n8n";
import { GET as getEvents } from "@/app/api/v1/jobs/[id]/events/route";
import { POST as callbackRoute } from "@/app/api/v1/relay/jobs/[id]/callback/route";
import { GET as getRelayJob } from "@/app/api/v1/relay/jobs/[id]/route";
import { POST as upload } from "@/app/api/v1/relay/jobs/route";
import { createRelayProcess } from "./relay-process";

const database = useTestDatabase();
let env: RelayTestEnv;
let h: Harness;
let n8n: StandInN8n;
let app: { url: string; close(): Promise<void> };
let alpha: TestUser;
/** Drops the callback events, as Inngest can miss one sent right before a wait begins. */
const drop = { callbackEvents: false };

beforeAll(async () => {
  env = useRelayTestEnv({ RELAY_CALLBACK_TIMEOUT: "15m" });
  app = await serveCallbackRoute(callbackRoute);
  n8n = await startStandInN8n({ secret: TEST_RELAY_SECRET });
  Object.assign(process.env, { APP_URL: app.url, RELAY_N8N_WEBHOOK_URL: n8n.webhookUrl });
  resetEnvCache();
  alpha = await createTestUser();
  h = await startHarness({ functions: (client) => [createRelayProcess(client)] });
  vi.spyOn(inngest, "send").mockImplementation(async (payload) => {
    const name = (payload as { name: string }).name;
    if (drop.callbackEvents && name === "relay/callback.received") return { ids: [] };
    return h.send(payload as never);
  });
}, 120_000);

afterAll(async () => {
  await h?.close();
  await n8n?.close();
  await app?.close();
  env?.close();
});

beforeEach(() => {
  n8n.queue.length = 0;
  n8n.fallback = { kind: "success" };
  n8n.received.length = 0;
  n8n.calls = 0;
  drop.callbackEvents = false;
});

type RelayBody = { status: string; stage: string | null; notion_page_url: string | null; result_message: string | null; completed_at: string | null; error: { type: string } | null };

async function relayJob(id: string): Promise<RelayBody> {
  return (await getRelayJob(new Request(`http://localhost/api/v1/relay/jobs/${id}`, { headers: { "x-api-key": alpha.apiKey } }), routeParams({ id }))).json();
}

async function uploadImage(filename = "Whiteboard 3.png"): Promise<string> {
  const res = await upload(relayUploadRequest([{ name: "file", filename, data: IMAGES.png }], { apiKey: alpha.apiKey }));
  expect(res.status).toBe(202);
  return ((await res.json()) as { job_id: string }).job_id;
}

/** Advances the virtual clock in steps until the job is finished (retries' backoff, the callback timeout). */
async function settle(id: string, stepMs = 60_000, maxSteps = 40): Promise<RelayBody> {
  for (let i = 0; i < maxSteps; i++) {
    const job = await relayJob(id);
    if (job.status === "success" || job.status === "failure") return job;
    await h.advance(stepMs);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`job ${id} did not finish`);
}

async function eventTypes(id: string): Promise<string[]> {
  const res = await getEvents(new Request(`http://localhost/api/v1/jobs/${id}/events`, { headers: { "x-api-key": alpha.apiKey } }), routeParams({ id }));
  expect(res.status).toBe(200);
  const rows = await database().prisma.jobEvent.findMany({ where: { jobId: id }, orderBy: { id: "asc" }, select: { type: true } });
  return rows.map((e) => e.type);
}

describe("relay-process", () => {
  it("dispatches the image signed with every part, waits, and the callback's event ends the wait with the Notion page", async () => {
    // The callback comes once the run waits (well after "waiting" is recorded, even on a busy
    // machine); the clock never moves, so only the event can end the wait.
    n8n.fallback = { kind: "success", delayMs: 5000 };
    const id = await uploadImage();
    const job = await until(async () => {
      const j = await relayJob(id);
      return j.status === "success" ? j : undefined;
    }, 40_000, "the job to succeed");
    expect(job).toMatchObject({ status: "success", notion_page_url: standInPageUrl(id, "Whiteboard 3.png"), error: null });
    expect(job.completed_at).not.toBeNull();
    const [dispatch] = n8n.received;
    expect(dispatch).toMatchObject({
      jobId: id,
      notionDatabaseId: TEST_DATABASE_ID,
      filename: "Whiteboard 3.png",
      callbackUrl: `${app.url}/api/v1/relay/jobs/${id}/callback`,
      fileContentType: "image/png",
      signatureOk: true,
    });
    expect(Buffer.compare(dispatch.file, IMAGES.png)).toBe(0);
    const types = await eventTypes(id);
    expect(types).toEqual(expect.arrayContaining(["created", "callback.accepted", "succeeded"]));
  });

  it("a callback that lands before the wait begins, its event lost, still finishes the job (store checked first)", async () => {
    drop.callbackEvents = true;
    n8n.fallback = { kind: "success", callBackFirst: true };
    const id = await uploadImage("Note.png");
    const job = await until(async () => {
      const j = await relayJob(id);
      return j.status === "success" ? j : undefined;
    }, 20_000, "the job to succeed without its event");
    expect(job.notion_page_url).toBe(standInPageUrl(id, "Note.png"));
  });

  it("a callback whose event is lost during the wait is found when the wait ends (store checked after)", async () => {
    drop.callbackEvents = true;
    n8n.fallback = { kind: "success" };
    const id = await uploadImage("Late.png");
    await until(async () => (await database().prisma.relayJob.findUnique({ where: { jobId: id } }))?.callbackStatus, 20_000, "the callback to be stored");
    const job = await settle(id, 5 * 60_000);
    expect(job).toMatchObject({ status: "success", notion_page_url: standInPageUrl(id, "Late.png") });
  });

  it("fails with CallbackTimeoutError when the workflow never calls back", async () => {
    n8n.fallback = { kind: "silent" };
    const id = await uploadImage();
    await until(async () => ((await relayJob(id)).stage === "waiting" ? true : undefined), 20_000, "the wait");
    const job = await settle(id, 5 * 60_000);
    expect(job).toMatchObject({ status: "failure", error: { type: "CallbackTimeoutError" } });
    expect(job.result_message).toMatch(/did not call back/);
  });

  it("a failure callback fails the job with WorkflowFailedError and the workflow's message", async () => {
    n8n.fallback = { kind: "failure", message: "Notion: database not shared with the integration" };
    const id = await uploadImage();
    const job = await settle(id);
    expect(job).toMatchObject({ status: "failure", error: { type: "WorkflowFailedError" }, result_message: "Notion: database not shared with the integration" });
  });

  it("retries the dispatch after 5xx answers (with backoff), then succeeds", async () => {
    n8n.queue.push({ kind: "status", status: 503 }, { kind: "status", status: 502 });
    const id = await uploadImage();
    const job = await settle(id);
    expect(job.status).toBe("success");
    expect(n8n.calls).toBe(3);
  });

  it("retries a refused connection", async () => {
    process.env.RELAY_N8N_WEBHOOK_URL = "http://127.0.0.1:9/webhook/conveyor-notion-relay";
    resetEnvCache();
    const id = await uploadImage();
    try {
      // "dispatching" is set right before the POST, which port 9 refuses; then give the attempt time to fail.
      await until(async () => ((await relayJob(id)).stage === "dispatching" ? true : undefined), 20_000, "the first attempt");
      await new Promise((r) => setTimeout(r, 1000));
      expect((await relayJob(id)).status).toBe("processing");
    } finally {
      process.env.RELAY_N8N_WEBHOOK_URL = n8n.webhookUrl;
      resetEnvCache();
    }
    const job = await settle(id);
    expect(job.status).toBe("success");
    expect(n8n.calls).toBe(1);
  });

  it("a 4xx from the workflow fails the job at once with DispatchRejectedError", async () => {
    n8n.fallback = { kind: "status", status: 400 };
    const id = await uploadImage();
    const job = await settle(id);
    expect(job).toMatchObject({ status: "failure", error: { type: "DispatchRejectedError" } });
    expect(n8n.calls).toBe(1);
  });

  it("retention deletes the image after RELAY_RETENTION; the job log stays", async () => {
    const id = await uploadImage();
    await settle(id);
    const file = await database().prisma.storedFile.findFirstOrThrow({ where: { jobId: id } });
    expect(fs.existsSync(`${env.storage.root}/${file.storageKey}`)).toBe(true);
    await expireJobResults(new Date(Date.now() + 23 * 3600_000));
    expect(await database().prisma.storedFile.count({ where: { jobId: id } })).toBe(1);
    await expireJobResults(new Date(Date.now() + 25 * 3600_000));
    expect(await database().prisma.storedFile.count({ where: { jobId: id } })).toBe(0);
    expect(storedFiles(env.storage.root).some((f) => f.includes(file.storageKey))).toBe(false);
    expect(await relayJob(id)).toMatchObject({ status: "success", notion_page_url: expect.stringMatching(/^https:\/\/www\.notion\.so\//) });
  });
});

