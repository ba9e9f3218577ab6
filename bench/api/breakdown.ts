/**
 * Where a key-authenticated `GET /api/v1/jobs/{id}` spends its time, in process (no HTTP, no
 * Next.js): each piece timed alone, serially, on a fresh database of each store, with the ways
 * it was done before (Prisma's nested select and `findFirst`, unprepared statements, no key cache) next to now. Run by
 * `npm run bench:api` in its own process (`tsx bench/api/breakdown.ts <postgres|pglite> <adminUrl>`);
 * prints one JSON line. The gap between the whole handler here and a request over HTTP is Next.js
 * and the HTTP stack.
 */
import { GET as getJobRoute } from "@/app/api/v1/jobs/[id]/route";
import { hashApiKey } from "@/lib/auth/api-key-format";
import { apiKeyCache } from "@/lib/auth/api-key-cache";
import { authenticateApiKey, KEY_QUERY } from "@/lib/auth/authenticate-api-key";
import { resolveSession } from "@/lib/auth/resolve-session";
import { apiRequest, createTestUser, routeParams } from "@/lib/auth/testing";
import { db, getDatabase, setDatabase } from "@/lib/db";
import { createTestDatabase } from "@/lib/db/test-databases";
import { createJob, getJob, toJobResponse } from "@/lib/jobs";
import { JOB_QUERY } from "@/lib/jobs/read";
import { percentile } from "../engine/stats";

const [store, adminUrl] = process.argv.slice(2);
const N = Number(process.env.BREAKDOWN_ITERATIONS ?? 400);

/** The lookup before bench:api: Prisma's nested select (kept here to measure against). */
async function prismaNestedLookup(secret: string) {
  const prisma = await db();
  return prisma.apiKey.findUnique({
    where: { hash: hashApiKey(secret) },
    select: {
      id: true,
      workspaceId: true,
      lastUsedAt: true,
      workspace: { select: { id: true, name: true, slug: true } },
      createdBy: { select: { id: true, email: true, name: true, isOperator: true, memberships: { select: { workspaceId: true, role: true } } } },
    },
  });
}

/** The key lookup's statement unprepared (as before the prepared statement): parsed and planned on every call. */
async function keyLookup(secret: string, prepared: boolean) {
  const { sql } = await getDatabase();
  return sql.query(KEY_QUERY, [hashApiKey(secret)], prepared ? { name: "conveyor_api_key_lookup" } : undefined);
}

const r3 = (v: number | null) => (v === null ? null : Number(v.toFixed(3)));

/**
 * Times every piece, interleaved: round after round, each piece runs once in turn, so a busy
 * machine slows all of them alike and the comparison between them holds.
 */
async function timeInterleaved(pieces: Record<string, () => Promise<unknown> | unknown>) {
  const names = Object.keys(pieces);
  const samples = new Map<string, number[]>(names.map((n) => [n, []]));
  // CPU of this process per piece (process.cpuUsage): it does not grow when other work shares the cores.
  const cpu = new Map<string, number>(names.map((n) => [n, 0]));
  for (let round = -30; round < N; round++) {
    for (const name of names) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await pieces[name]();
      if (round < 0) continue; // the first 30 rounds warm up
      samples.get(name)!.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.set(name, cpu.get(name)! + (c.user + c.system) / 1000);
    }
  }
  return Object.fromEntries(
    names.map((n) => {
      const ms = samples.get(n)!;
      return [n, { p50_ms: r3(percentile(ms, 50)), p99_ms: r3(percentile(ms, 99)), mean_ms: r3(ms.reduce((a, b) => a + b, 0) / ms.length), cpu_ms: r3(cpu.get(n)! / ms.length) }];
    }),
  );
}

async function main() {
  const database = await createTestDatabase(store === "postgres" ? adminUrl : undefined);
  setDatabase(database);
  const owner = await createTestUser();
  const job = await createJob({ workspaceId: owner.workspace.id, createdById: owner.user.id, kind: "forms", message: "bench" });
  const cache = apiKeyCache(database);
  // On PostgreSQL the key cache is used once this process is listening for revocations.
  for (let i = 0; !cache.usable && i < 500; i++) await new Promise((r) => setTimeout(r, 10));
  const handler = async () => {
    const res = await getJobRoute(apiRequest(`/api/v1/jobs/${job.id}`, { as: owner, via: "api_key" }), routeParams({ id: job.id }));
    await res.text();
  };
  const out = {
    store,
    iterations: N,
    ...(await timeInterleaved({
      sha256_key_hash: () => hashApiKey(owner.apiKey),
      key_lookup_prisma_nested_select: () => prismaNestedLookup(owner.apiKey),
      key_lookup_one_sql_statement_unprepared: () => keyLookup(owner.apiKey, false),
      key_lookup_one_sql_statement_prepared: () => keyLookup(owner.apiKey, true),
      key_lookup_cached: () => authenticateApiKey(owner.apiKey),
      session_cookie_decode_and_user_lookup: () => resolveSession(owner.cookie),
      get_job_prisma_find_first: async () => (await db()).job.findFirst({ where: { id: job.id, workspaceId: owner.workspace.id } }),
      get_job_one_sql_statement_unprepared: async () => (await getDatabase()).sql.query(JOB_QUERY, [job.id, owner.workspace.id]),
      get_job_one_sql_statement_prepared: () => getJob(owner.workspace.id, job.id),
      job_to_json: () => JSON.stringify(toJobResponse(job)),
      whole_handler_with_key_uncached: async () => {
        cache.clear();
        await handler();
      },
      whole_handler_with_key: handler,
    })),
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
  await database.close(); // drops the PostgreSQL database too
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
