/**
 * A BullMQ worker process for the benchmark. A run of N steps is a chain of N jobs: each job does
 * its step, then (before it completes) adds the next step's job carrying the results so far, so
 * every step is retried and persisted on its own and can run on any worker, like a durable step.
 */
import { Queue, Worker } from "bullmq";
import { markDone, serveRecorder, trivialStep } from "./recorder";

type StepJob = { token: string; step: number; steps: number; results: number[] };

const connection = { host: process.env.BENCH_REDIS_HOST ?? "127.0.0.1", port: Number(process.env.BENCH_REDIS_PORT ?? 6379) };
const name = process.env.BENCH_QUEUE!;
const prefix = process.env.BENCH_PREFIX!;
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32);

const queue = new Queue<StepJob>(name, { connection, prefix });
const worker = new Worker<StepJob>(
  name,
  async (job) => {
    const { token, step, steps, results } = job.data;
    const value = trivialStep(token, step);
    if (step + 1 < steps) await queue.add("step", { token, step: step + 1, steps, results: [...results, value] }, { attempts: 4 });
    else markDone(token);
    return value;
  },
  { connection, prefix, concurrency },
);

worker.on("ready", () => process.stdout.write("ready\n"));
serveRecorder(async () => {
  await worker.close();
  await queue.close();
});
