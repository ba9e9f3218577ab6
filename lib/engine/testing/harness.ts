import type { Inngest, InngestFunction } from "inngest";
import { getDatabase, type Sql } from "@/lib/db";
import { handleEngineApi } from "../api/handle-engine-api";
import { VirtualClock } from "../clock";
import type { EngineObserver } from "../context";
import { Engine } from "../engine";
import { startSdkApp, TEST_SIGNING_KEY, type SdkApp } from "./sdk-app";

export type Harness = {
  engine: Engine;
  app: SdkApp;
  clock: VirtualClock;
  sql: Sql;
  /** Sends events as the app's client would (through the engine's /e/ API). */
  send: Inngest["send"];
  /** Moves virtual time and gives the engine a moment to react. */
  advance(ms: number): Promise<void>;
  run(runId: string): Promise<RunRow>;
  runsOf(functionSlug: string): Promise<RunRow[]>;
  waitForRun(runId: string, statuses?: string[], timeoutMs?: number): Promise<RunRow>;
  waitForRuns(functionSlug: string, count: number, statuses?: string[], timeoutMs?: number): Promise<RunRow[]>;
  steps(runId: string): Promise<StepRow[]>;
  close(): Promise<void>;
};

export type RunRow = {
  id: string;
  function_id: string;
  status: string;
  output: unknown;
  error: { name: string; message: string } | null;
  event: { id: string; name: string; data: Record<string, unknown> };
  workspace_id: string | null;
  retry_at: Date | null;
  attempt_errors: unknown[] | null;
  parent_run_id: string | null;
};

export type StepRow = {
  step_id: string;
  name: string | null;
  op: string;
  status: string;
  output: unknown;
  attempts: number;
  errors: unknown[] | null;
  memoized_at: Date | null;
};

/** Polls until `check` returns a value (real time: the engine runs for real, only its clock is virtual). */
export async function until<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 10_000, what = "condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * An engine on the test database driving a real SDK app over HTTP, with a virtual clock.
 * Function ids in helpers are the SDK's slugs; the engine's ids are `<appId>-<slug>`.
 */
export async function startHarness(opts: {
  functions: (client: Inngest) => InngestFunction.Any[];
  appId?: string;
  observe?: EngineObserver;
  config?: ConstructorParameters<typeof Engine>[0]["config"];
  start?: boolean;
  /** Serve URLs the engine accepts at sync; default the harness app's alone. */
  appUrls?: string[] | "any";
}): Promise<Harness> {
  const { sql } = await getDatabase();
  const clock = new VirtualClock();
  const appId = opts.appId ?? "test-app";
  const ref: { engine?: Engine } = {};
  const app = await startSdkApp({
    id: appId,
    functions: opts.functions,
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) =>
      handleEngineApi(new Request(input, init), { trusted: true, ctx: ref.engine!.ctx })) as typeof fetch,
  });
  const engine = (ref.engine = new Engine({
    sql,
    clock,
    kind: "test",
    signingKey: TEST_SIGNING_KEY,
    appUrls: opts.appUrls ?? [app.url],
    random: () => 0,
    observe: opts.observe,
    config: { pollMs: 50, leaseMs: 30_000, concurrency: 16, ...opts.config },
  }));
  await engine.sync(app.url);
  if (opts.start !== false) await engine.start();
  const fullId = (slug: string) => `${appId}-${slug}`;
  const run = async (runId: string) =>
    (await sql.query<RunRow>(`SELECT * FROM engine_runs WHERE id = $1`, [runId]))[0];
  const runsOf = (slug: string) =>
    sql.query<RunRow>(`SELECT * FROM engine_runs WHERE function_id = $1 ORDER BY created_at, id`, [fullId(slug)]);
  const final = ["completed", "failed", "cancelled"];
  return {
    engine,
    app,
    clock,
    sql,
    send: ((payload: unknown) => app.client.send(payload as never)) as Inngest["send"],
    async advance(ms) {
      clock.advance(ms);
      await engine.maintain();
      await new Promise((r) => setTimeout(r, 20));
    },
    run,
    runsOf,
    waitForRun: (runId, statuses = final, timeoutMs = 10_000) =>
      until(async () => {
        const r = await run(runId);
        return r && statuses.includes(r.status) ? r : undefined;
      }, timeoutMs, `run ${runId} to be ${statuses.join("/")}`),
    waitForRuns: (slug, count, statuses = final, timeoutMs = 10_000) =>
      until(async () => {
        const rows = await runsOf(slug);
        const done = rows.filter((r) => statuses.includes(r.status));
        return done.length >= count ? done : undefined;
      }, timeoutMs, `${count} runs of ${slug} to be ${statuses.join("/")}`),
    steps: (runId) =>
      sql.query<StepRow>(`SELECT * FROM engine_steps WHERE run_id = $1 ORDER BY seq`, [runId]),
    async close() {
      await engine.stop(2_000);
      await app.close();
    },
  };
}
