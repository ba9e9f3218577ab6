import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiRequest, createTestUser, routeParams, type TestUser } from "@/lib/auth/testing";
import { useTestDatabase } from "@/lib/db/testing";
import { startHarness, until, type Harness } from "@/lib/engine/testing/harness";
import { useFormsTestEnv, type FormsTestEnv } from "@/lib/forms/jobs/testing";
import { setLoggerDestination } from "@/lib/logging";
import { credentialHandOff, sessionHandOff } from "@/lib/logbook/credentials/hand-off";
import { startEightAStandIn, syntheticAscents, type EightAStandIn } from "@/lib/logbook/eight-a/testing/eight-a-stand-in";
import { startMpStandIn, type MpStandIn } from "@/lib/logbook/mountain-project/testing/mp-stand-in";
import { mpRow, tickExportCsv } from "@/lib/logbook/mountain-project/testing/tick-export-csv";
import { POST as connect } from "@/app/api/v1/logbook/connect/route";
import { GET as pyramid } from "@/app/api/v1/logbook/pyramid/route";
import { DELETE as deleteSource } from "@/app/api/v1/logbook/sources/[id]/route";
import { GET as sources } from "@/app/api/v1/logbook/sources/route";
import { GET as ticks } from "@/app/api/v1/logbook/ticks/route";
import { GET as getJobEvents } from "@/app/api/v1/jobs/[id]/events/route";
import { GET as getJob } from "@/app/api/v1/jobs/[id]/route";
import { GET as getResult } from "@/app/api/v1/jobs/[id]/result/route";
import { createLogbookSync } from "./logbook-sync";

const PASSWORD = "Sup3r-Secret-8a-Pa55word";
const database = useTestDatabase();
const logLines: string[] = [];
let env: FormsTestEnv;
let h: Harness;
let mp: MpStandIn;
let eightA: EightAStandIn;
let user: TestUser;

const ROWS = [
  mpRow({ Rating: "5.11b", Style: "Lead", "Lead Style": "Redpoint", "Route Type": "Sport" }),
  mpRow({ Rating: "5.11b", Style: "Lead", "Lead Style": "Redpoint", "Route Type": "Sport" }),
  mpRow({ Route: "Hard", Rating: "5.12a", Style: "Lead", "Lead Style": "Fell/Hung", "Route Type": "Sport" }),
  mpRow({ Route: "Mid", Rating: "5.10c", Style: "Lead", "Lead Style": "Onsight", "Route Type": "Sport" }),
  mpRow({ Route: "Crack", Rating: "5.9 PG13", Style: "Lead", "Lead Style": "Onsight", "Route Type": "Trad, Alpine", Notes: "Long &amp; steep,\nsecond line" }),
  mpRow({ Route: "Stone", Rating: "V4", Style: "Send", "Lead Style": "", "Route Type": "Boulder", Length: "" }),
  mpRow({ Route: "Stone 2", Rating: "V2-3 PG13", Style: "Flash", "Lead Style": "", "Route Type": "Boulder", Length: "" }),
  mpRow({ Route: "Toprope", Rating: "5.12b", Style: "TR", "Lead Style": "", "Route Type": "Sport" }),
];

beforeAll(async () => {
  mp = await startMpStandIn({
    "/user/101/jane": { rows: ROWS },
    "/user/102/empty": { rows: [] },
    "/user/103/broken": { csv: tickExportCsv([mpRow()]) + '2024-01-01,"unclosed\n' },
    "/user/104/down": { status: 503 },
  });
  eightA = await startEightAStandIn({
    Sam: { password: PASSWORD, slug: "sam", ascents: { sportclimbing: syntheticAscents(60, "sportclimbing"), bouldering: syntheticAscents(12, "bouldering") } },
  });
  env = useFormsTestEnv({
    LOG_LEVEL: "trace",
    LOGBOOK_MP_BASE_URL: mp.url,
    LOGBOOK_8A_BASE_URL: eightA.site.url,
    LOGBOOK_8A_AUTH_URL: eightA.auth.url,
    LOGBOOK_HTTP_TIMEOUT: "2s",
    LOGBOOK_8A_PAGE_SIZE: "25",
  });
  setLoggerDestination({ write: (line: string) => void logLines.push(line) });
  user = await createTestUser();
  h = await startHarness({ functions: (client) => [createLogbookSync(client)] });
}, 120_000);

afterAll(async () => {
  setLoggerDestination(undefined);
  await h?.close();
  await mp?.close();
  await eightA?.close();
  env?.close();
});

type JobBody = { job_id: string; status: string; stage: string | null; error?: { type: string; detail: string }; result?: Record<string, unknown> };
const as = (url: string, init: { method?: string; body?: unknown } = {}) => apiRequest(url, { ...init, as: user, via: "api_key" });
/** The job as the jobs API shows it, plus the stored result summary (the shared API does not show it yet). */
const job = async (id: string): Promise<JobBody> => {
  const body = (await (await getJob(as(`/api/v1/jobs/${id}`), routeParams({ id }))).json()) as JobBody;
  const row = await database().prisma.job.findUnique({ where: { id } });
  return { ...body, result: (row?.result ?? undefined) as Record<string, unknown> | undefined };
};

/** Waits for the job to settle, moving the virtual clock so retries (after backoff) happen. */
const settled = (id: string) =>
  until(async () => {
    await h.advance(60_000);
    const j = await job(id);
    return ["succeeded", "failed", "canceled"].includes(j.status) ? j : undefined;
  }, 60_000, `job ${id} to settle`);

async function connectWith(body: unknown): Promise<string> {
  const res = await connect(as("/api/v1/logbook/connect", { method: "POST", body }));
  expect(res.status, await res.clone().text()).toBe(202);
  const json = (await res.json()) as { task_id: string; job_id: string; status: string };
  expect(json.status).toBe("queued");
  expect(json.task_id).toBe(json.job_id);
  return json.job_id;
}

describe("logbook-sync with Mountain Project", () => {
  let firstJob: string;

  it("syncs a profile through every stage: ticks, pyramids, CSV", async () => {
    firstJob = await connectWith({ profile_url: "mountainproject.com/user/101/jane/ticks?x=1" });
    const done = await settled(firstJob);
    expect(done.status, JSON.stringify(done.error)).toBe("succeeded");
    expect(done.result).toMatchObject({ tick_count: 8, added: 8, removed: 0, warnings: [] });

    const events = ((await (await getJobEvents(as(`/api/v1/jobs/${firstJob}/events`), routeParams({ id: firstJob }))).json()) as { data: { stage: string | null }[] }).data;
    const stages = [...new Set(events.map((e) => e.stage).filter(Boolean))];
    expect(stages).toEqual(["fetching", "cleaning", "exporting", "analyzing", "saving"]);

    const result = await getResult(as(`/api/v1/jobs/${firstJob}/result`), routeParams({ id: firstJob }));
    expect(result.status).toBe(200);
    expect(result.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(result.headers.get("content-disposition")).toContain("mountain-project-ticks.csv");
    const csv = await result.text();
    expect(csv.split("\n")[0]).toMatch(/^date,route,location,discipline/);
    expect(csv).toContain('"Long & steep,\nsecond line"');

    const pyr = (await (await pyramid(as("/api/v1/logbook/pyramid"))).json()) as { disciplines: { discipline: string; top_grade: string; levels: { grade: string; sends: number; attempts: number }[] }[] };
    expect(pyr.disciplines.map((d) => [d.discipline, d.top_grade])).toEqual([["sport", "5.11b"], ["trad", "5.9"], ["boulder", "V4"]]);
    expect(pyr.disciplines[0].levels.slice(0, 4)).toEqual([
      { grade: "5.11b", sends: 2, attempts: 0 },
      { grade: "5.11a", sends: 0, attempts: 0 },
      { grade: "5.10d", sends: 0, attempts: 0 },
      { grade: "5.10c", sends: 1, attempts: 0 },
    ]);
  });

  it("re-syncs idempotently: no duplicates, removed ticks go, repeats stay two ticks", async () => {
    const again = await connectWith({ profile_url: "https://www.mountainproject.com/user/101/jane" });
    expect((await settled(again)).result).toMatchObject({ tick_count: 8, added: 0, removed: 0 });
    mp.profiles.set("/user/101/jane", { rows: ROWS.slice(1) });
    const third = await connectWith({ profile_url: "https://www.mountainproject.com/user/101/jane" });
    expect((await settled(third)).result).toMatchObject({ tick_count: 7, added: 0, removed: 1 });
    const list = (await (await sources(as("/api/v1/logbook/sources"))).json()) as { data: { id: string; tick_count: number; profile_url: string }[] };
    expect(list.data).toHaveLength(1);
    expect(list.data[0]).toMatchObject({ tick_count: 7, profile_url: "https://www.mountainproject.com/user/101/jane" });
    const sends = (await (await ticks(as(`/api/v1/logbook/ticks?source_id=${list.data[0].id}&discipline=sport&send=true&limit=1`))).json()) as { data: { route: string; send: boolean }[]; next_cursor: string };
    expect(sends.data).toHaveLength(1);
    const next = (await (await ticks(as(`/api/v1/logbook/ticks?discipline=sport&send=true&limit=5&cursor=${sends.next_cursor}`))).json()) as { data: unknown[]; next_cursor: string | null };
    expect(next.data).toHaveLength(1);
    expect(next.next_cursor).toBeNull();
  });

  it("fails with ProfileNotFoundError on a 404, DataSourceError on a broken CSV or a site that stays down", async () => {
    const missing = await settled(await connectWith({ profile_url: "https://www.mountainproject.com/user/999/ghost" }));
    expect(missing.error?.type).toBe("ProfileNotFoundError");
    const broken = await settled(await connectWith({ profile_url: "https://www.mountainproject.com/user/103/broken" }));
    expect(broken.error?.type).toBe("DataSourceError");
    const down = await settled(await connectWith({ profile_url: "https://www.mountainproject.com/user/104/down" }));
    expect(down.error?.type).toBe("DataSourceError");
    expect(mp.requests.filter((r) => r.includes("/user/104/down")).length).toBe(3);
  });

  it("succeeds with 0 ticks and a warning for an empty export", async () => {
    const empty = await settled(await connectWith({ profile_url: "https://www.mountainproject.com/user/102/empty" }));
    expect(empty.status).toBe("succeeded");
    expect(empty.result).toMatchObject({ tick_count: 0 });
    expect((empty.result!.warnings as string[])[0]).toMatch(/no ticks/);
  });

  it("deletes a source with its ticks and pyramids", async () => {
    const list = (await (await sources(as("/api/v1/logbook/sources"))).json()) as { data: { id: string; profile_url: string }[] };
    const jane = list.data.find((s) => s.profile_url?.endsWith("/jane"))!;
    const res = await deleteSource(as(`/api/v1/logbook/sources/${jane.id}`, { method: "DELETE" }), routeParams({ id: jane.id }));
    expect(res.status).toBe(204);
    expect(await database().prisma.logbookTick.count({ where: { sourceId: jane.id } })).toBe(0);
    expect(await database().prisma.logbookPyramid.count({ where: { sourceId: jane.id } })).toBe(0);
    const again = await deleteSource(as(`/api/v1/logbook/sources/${jane.id}`, { method: "DELETE" }), routeParams({ id: jane.id }));
    expect(again.status).toBe(404);
  });
});

describe("logbook-sync with 8a.nu", () => {
  it("refuses a bad request with every field named and without the password", async () => {
    const res = await connect(as("/api/v1/logbook/connect", { method: "POST", body: { password: PASSWORD, profile: "x" } }));
    expect(res.status).toBe(422);
    const text = await res.text();
    expect(text).not.toContain(PASSWORD);
    expect((JSON.parse(text) as { error: { details: { path: string }[] } }).error.details.map((d) => d.path).sort()).toEqual(["body.profile", "body.username"]);
  });

  it("syncs page by page and leaves the password nowhere: database, data directory, logs", async () => {
    const id = await connectWith({ username: "Sam", password: PASSWORD });
    const done = await settled(id);
    expect(done.status, JSON.stringify(done.error)).toBe("succeeded");
    expect(done.result).toMatchObject({ tick_count: 72 });
    const steps = await h.steps((await h.runsOf("logbook-sync")).at(-1)!.id);
    expect(steps.length).toBeGreaterThanOrEqual(8); // a step per 8a.nu page, then the other stages
    expect(credentialHandOff.size()).toBe(0);
    expect(sessionHandOff.size()).toBe(0);
    expect(eightA.site.requests.filter((r) => r.includes("category=sportclimbing")).length).toBe(4); // 25+25+10, then empty

    const tables = await database().sql.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
    );
    expect(tables.length).toBeGreaterThan(10);
    let dump = "";
    for (const { table_name } of tables) {
      const rows = await database().sql.query<{ row: string }>(`SELECT t::text AS row FROM "${table_name}" t`);
      dump += rows.map((r) => r.row).join("\n");
    }
    expect(dump).toContain("Sam"); // the dump is real: the user name is there
    expect(dump).not.toContain(PASSWORD);
    expect(dump).not.toContain(encodeURIComponent(PASSWORD));
    const sessionIds = [...eightA.sessions.keys()];
    expect(sessionIds.length).toBeGreaterThan(0);
    for (const sid of sessionIds) expect(dump).not.toContain(sid);

    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) walk(full);
        else files.push(full);
      }
    };
    walk(env.dataDir);
    for (const file of files) expect(fs.readFileSync(file).toString("latin1"), file).not.toContain(PASSWORD);

    const logs = logLines.join("\n");
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain(PASSWORD);
    for (const sid of sessionIds) expect(logs).not.toContain(sid);
  });

  it("fails with AuthenticationError for a refused password, at once", async () => {
    const done = await settled(await connectWith({ username: "Sam", password: "not-it" }));
    expect(done.error?.type).toBe("AuthenticationError");
    expect(credentialHandOff.size()).toBe(0);
  });

  it("fails asking to reconnect when the password is not in this process", async () => {
    const id = await connectWith({ username: "Sam", password: PASSWORD });
    credentialHandOff.discard(id); // as if another worker or a restart picked the job up
    const done = await settled(id);
    expect(done.error?.type).toBe("ReconnectRequiredError");
    expect(done.error?.detail).toMatch(/connect again/);
  });
});
