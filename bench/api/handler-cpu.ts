/**
 * CPU per key-authenticated `GET /api/v1/jobs/{id}` in process (no HTTP, no Next.js), from
 * process.cpuUsage(): unlike wall time it does not grow when other work shares the cores.
 * `tsx bench/api/handler-cpu.ts <postgres|pglite> [adminUrl]`; add `node --cpu-prof` through
 * NODE_OPTIONS-free `npx tsx --cpu-prof` to see where it goes. Prints one JSON line.
 */
import { GET as getJobRoute } from "@/app/api/v1/jobs/[id]/route";
import { apiRequest, createTestUser, routeParams } from "@/lib/auth/testing";
import { setDatabase } from "@/lib/db";
import { createTestDatabase } from "@/lib/db/test-databases";
import { createJob } from "@/lib/jobs";

const [store, adminUrl = "postgresql://postgres@127.0.0.1:5432/postgres"] = process.argv.slice(2);
const N = Number(process.env.HANDLER_ITERATIONS ?? 2000);

async function main() {
  const database = await createTestDatabase(store === "postgres" ? adminUrl : undefined);
  setDatabase(database);
  const owner = await createTestUser();
  const job = await createJob({ workspaceId: owner.workspace.id, createdById: owner.user.id, kind: "forms", message: "bench" });
  const call = async () => {
    const res = await getJobRoute(apiRequest(`/api/v1/jobs/${job.id}`, { as: owner, via: "api_key" }), routeParams({ id: job.id }));
    if (res.status !== 200) throw new Error(`status ${res.status}`);
    await res.text();
  };
  for (let i = 0; i < 300; i++) await call();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < N; i++) await call();
  const cpu = process.cpuUsage(cpu0);
  const wall = performance.now() - t0;
  const r3 = (v: number) => Number(v.toFixed(3));
  process.stdout.write(`${JSON.stringify({ store, iterations: N, cpu_ms_per_request: r3((cpu.user + cpu.system) / 1000 / N), wall_ms_per_request: r3(wall / N) })}\n`);
  await database.close();
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
