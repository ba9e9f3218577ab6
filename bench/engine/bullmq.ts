/** BullMQ on the local Redis: N worker processes (bullmq-worker.ts), a queue per configuration. */
import { Queue } from "bullmq";
import { startChild, type Child } from "./procs";
import { CONCURRENCY, type BenchSystem, type Shape } from "./systems";

let counter = 0;

export function bullmqSystem(redis: { host: string; port: number }): BenchSystem {
  let workers: Child[] = [];
  let queue: Queue | undefined;
  const name = "steps";
  return {
    name: "bullmq",
    description: "BullMQ workers on Redis; a run of N steps is a chain of N jobs (each adds the next before completing)",
    async start(n) {
      const prefix = `cvbench-${process.pid}-${++counter}`;
      queue = new Queue(name, { connection: redis, prefix });
      const env = { BENCH_QUEUE: name, BENCH_PREFIX: prefix, BENCH_REDIS_HOST: redis.host, BENCH_REDIS_PORT: String(redis.port), BENCH_CONCURRENCY: String(CONCURRENCY) };
      workers = await Promise.all(Array.from({ length: n }, async (_, i) => (await startChild(`bullmq-worker-${i}`, "bench/engine/bullmq-worker.ts", env)).child));
    },
    async submit(shape: Shape, tokens: string[]) {
      for (let i = 0; i < tokens.length; i += 200) {
        await queue!.addBulk(tokens.slice(i, i + 200).map((token) => ({ name: "step", data: { token, step: 0, steps: shape, results: [] }, opts: { attempts: 4 } })));
      }
    },
    recorders: () => workers,
    workers: () => workers,
    companions: () => [],
    async verify(_shape, count) {
      const counts = await queue!.getJobCounts("failed");
      return { completed: count, failed: counts.failed ?? 0 };
    },
    async stop() {
      await Promise.all(workers.map((w) => w.stop()));
      workers = [];
      await queue?.obliterate({ force: true }).catch(() => {});
      await queue?.close();
    },
    async close() {},
  };
}
