/**
 * `npm run bench:logbook`: how fast the logbook pipeline is.
 * 1. Parsing + cleaning a 50,000-row Mountain Project export (ticks/s, median of 3 runs).
 * 2. End to end, a 2,000-tick sync of each source on the real engine (connect -> succeeded), against
 *    the local stand-ins: Mountain Project (one export) and 8a.nu (Keycloak sign-in, 40 pages of 50).
 * 3. Peak RSS of the whole process.
 * Writes bench/results/logbook.json. Uses TEST_DATABASE_URL when set, else an in-memory PGlite.
 */
import { sendEvent } from "@/inngest/send";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { setDatabase } from "@/lib/db";
import { createTestDatabase } from "@/lib/db/test-databases";
import { startHarness, until } from "@/lib/engine/testing/harness";
import { resetEnvCache } from "@/lib/env";
import { connectLogbook } from "@/lib/logbook/jobs";
import { startEightAStandIn, syntheticAscents } from "@/lib/logbook/eight-a/testing/eight-a-stand-in";
import { cleanMpRows } from "@/lib/logbook/mountain-project/clean-ticks";
import { parseTickExport } from "@/lib/logbook/mountain-project/parse-tick-export";
import { startMpStandIn } from "@/lib/logbook/mountain-project/testing/mp-stand-in";
import { syntheticRows, tickExportCsv } from "@/lib/logbook/mountain-project/testing/tick-export-csv";
import { LocalDiskStorage, setStorage } from "@/lib/storage";
import { createLogbookSync } from "@/inngest/functions/logbook-sync";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function benchParse(rows: number) {
  const csv = tickExportCsv(syntheticRows(rows));
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const ticks = cleanMpRows(parseTickExport(csv));
    const s = (performance.now() - t0) / 1000;
    if (ticks.length !== rows) throw new Error(`expected ${rows} ticks, got ${ticks.length}`);
    runs.push(s);
  }
  const seconds = median(runs);
  return { rows, csv_bytes: Buffer.byteLength(csv), seconds: +seconds.toFixed(3), ticks_per_second: Math.round(rows / seconds) };
}

async function benchSync(ticks: number) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "conveyor-bench-logbook-"));
  const mp = await startMpStandIn({ "/user/1/bench": { rows: syntheticRows(ticks) } });
  const eightA = await startEightAStandIn({ Bench: { password: "bench-password-1", slug: "bench", ascents: { sportclimbing: syntheticAscents(ticks * 0.75, "sportclimbing"), bouldering: syntheticAscents(ticks * 0.25, "bouldering") } } });
  Object.assign(process.env, {
    DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
    LOGBOOK_MP_BASE_URL: mp.url,
    LOGBOOK_8A_BASE_URL: eightA.site.url,
    LOGBOOK_8A_AUTH_URL: eightA.auth.url,
  });
  resetEnvCache();
  setStorage(new LocalDiskStorage(path.join(dataDir, "files")));
  const database = await createTestDatabase();
  setDatabase(database);
  const workspace = await database.prisma.workspace.create({ data: { name: "Bench", slug: `bench-${Date.now()}` } });
  const h = await startHarness({ functions: (client) => [createLogbookSync(client)] });
  const run = async (request: Parameters<typeof connectLogbook>[0]) => {
    const t0 = performance.now();
    const job = await connectLogbook(request, { workspaceId: workspace.id, userId: null }, sendEvent);
    const done = await until(async () => {
      const j = await database.prisma.job.findUnique({ where: { id: job.id } });
      return j && ["succeeded", "failed"].includes(j.status) ? j : undefined;
    }, 300_000, "the sync");
    if (done.status !== "succeeded") throw new Error(`sync failed: ${done.errorType} ${done.errorDetail}`);
    return { seconds: +((performance.now() - t0) / 1000).toFixed(2), tick_count: (done.result as { tick_count: number }).tick_count };
  };
  try {
    const mountainProject = await run({ kind: "mountain_project", profile: { userId: "1", slug: "bench", path: "/user/1/bench", url: "https://www.mountainproject.com/user/1/bench" } });
    const mpResync = await run({ kind: "mountain_project", profile: { userId: "1", slug: "bench", path: "/user/1/bench", url: "https://www.mountainproject.com/user/1/bench" } });
    const eight = await run({ kind: "eight_a", username: "Bench", password: "bench-password-1" });
    return { ticks, mountain_project: mountainProject, mountain_project_resync: mpResync, eight_a: { ...eight, pages: Math.ceil(ticks / 50) + 2 } };
  } finally {
    await h.close();
    await mp.close();
    await eightA.close();
    setDatabase(undefined);
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const parse = benchParse(50_000);
  console.log(`parse+clean: ${parse.rows} rows in ${parse.seconds} s = ${parse.ticks_per_second} ticks/s`);
  const sync = await benchSync(2_000);
  console.log(`sync 2,000 ticks: MP ${sync.mountain_project.seconds} s (re-sync ${sync.mountain_project_resync.seconds} s), 8a.nu ${sync.eight_a.seconds} s`);
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(`peak RSS: ${peakRssMb} MB`);
  const result = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version },
    database: process.env.TEST_DATABASE_URL ? "postgresql" : "pglite",
    parse_clean: parse,
    sync,
    peak_rss_mb: peakRssMb,
  };
  fs.mkdirSync(path.join("bench", "results"), { recursive: true });
  fs.writeFileSync(path.join("bench", "results", "logbook.json"), `${JSON.stringify(result, null, 2)}\n`);
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
