/**
 * Two builds of the app side by side, interleaved: `tsx bench/api/compare.ts <other checkout>
 * [--stores postgres,pglite] [--rounds 6] [--seconds 3] [--clients 8]`. The other checkout (say
 * `git worktree add /tmp/base <commit>` with node_modules, then `npm run bench:api` there once so
 * its .next-bench exists) and this one each serve a fresh store; round after round each gets the
 * same closed loop of key-authenticated job polls in turn, so a shared machine's load changes
 * both alike. Prints, per store and build, requests/s and the server's CPU per request (all
 * rounds pooled) and the ratio between the two. Not a test; writes nothing.
 * `--env-other K=V[,K=V]` and `--env-this ...` give one server settings of its own: with `.` as the
 * other checkout, a runtime setting (say NODE_OPTIONS) is compared on one build.
 */
import os from "node:os";
import path from "node:path";
import { generateForm, splitSeeds } from "@/lib/forms/synthetic";
import { closedLoop, type Target } from "./load";
import { treeCpuMs } from "./proc-cpu";
import { makeApiKey, startServer, type Server, type Store } from "./server";
import { uploadAll } from "./uploads";

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const other = args[0] && !args[0].startsWith("--") ? path.resolve(args[0]) : undefined;
const stores = opt("stores", "postgres,pglite").split(",") as Store[];
const rounds = Number(opt("rounds", "6"));
const seconds = Number(opt("seconds", "3"));
const clients = Number(opt("clients", "8"));
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const port = Number(process.env.BENCH_PORT ?? 3339);
const load1 = () => Number(os.loadavg()[0].toFixed(2));
const envOpt = (name: string): Record<string, string> =>
  Object.fromEntries(
    opt(name, "")
      .split(",")
      .filter(Boolean)
      .map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)]),
  );

async function settledJob(server: Server): Promise<Target> {
  const key = await makeApiKey(server.base);
  const [seed] = splitSeeds("test", 1, 900_000);
  const { jobIds } = await uploadAll(server.base, key, (await generateForm(seed)).pdf, 1);
  const target = { port: server.port, path: `/api/v1/jobs/${jobIds[0]}`, headers: { "x-api-key": key } };
  for (let i = 0; i < 180; i++) {
    const res = await fetch(`${server.base}${target.path}`, { headers: target.headers });
    const { status } = (await res.json()) as { status: string };
    if (status !== "queued" && status !== "running") break;
    await new Promise((r) => setTimeout(r, 500));
  }
  return target;
}

async function compareStore(store: Store) {
  const builds = [
    { name: "other", root: other, port, env: envOpt("env-other") },
    { name: "this", root: undefined, port: port + 1, env: envOpt("env-this") },
  ];
  const servers: Server[] = [];
  try {
    for (const b of builds) servers.push(await startServer(store, { port: b.port, adminUrl, distDir: ".next-bench", root: b.root, env: b.env }));
    const targets = await Promise.all(servers.map(settledJob));
    for (const t of targets) await closedLoop(t, clients, 2000); // warm-up
    const totals = builds.map(() => ({ requests: 0, cpuMs: 0, seconds: 0, p99: [] as number[] }));
    const loads: number[] = [];
    for (let r = 0; r < rounds; r++) {
      // Alternate which build goes first, so neither always follows the other.
      const order = r % 2 === 0 ? [0, 1] : [1, 0];
      for (const i of order) {
        const cpu0 = treeCpuMs(servers[i].pid)!;
        const loop = await closedLoop(targets[i], clients, seconds * 1000);
        totals[i].cpuMs += treeCpuMs(servers[i].pid)! - cpu0;
        totals[i].requests += loop.requests;
        totals[i].seconds += seconds;
        if (loop.p99_ms !== null) totals[i].p99.push(loop.p99_ms);
      }
      loads.push(load1());
    }
    const result = Object.fromEntries(
      builds.map((b, i) => [
        b.name,
        {
          root: b.root ?? process.cwd(),
          env: b.env,
          rps: Number((totals[i].requests / totals[i].seconds).toFixed(1)),
          server_cpu_ms_per_request: Number((totals[i].cpuMs / totals[i].requests).toFixed(3)),
          p99_ms_median_round: totals[i].p99.sort((a, c) => a - c)[Math.floor(totals[i].p99.length / 2)] ?? null,
        },
      ]),
    );
    const [a, b] = builds.map((x) => result[x.name]);
    return {
      store,
      rounds,
      seconds_each: seconds,
      clients,
      load_average_1m: loads,
      ...result,
      cpu_per_request_other_over_this: Number((a.server_cpu_ms_per_request / b.server_cpu_ms_per_request).toFixed(2)),
      rps_this_over_other: Number((b.rps / a.rps).toFixed(2)),
    };
  } finally {
    for (const s of servers) await s.stop();
  }
}

async function main() {
  if (!other) throw new Error("usage: tsx bench/api/compare.ts <other checkout with .next-bench> [--stores ...]");
  for (const store of stores) console.log(JSON.stringify(await compareStore(store), null, 1));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
