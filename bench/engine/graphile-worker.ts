/**
 * A graphile-worker process for the benchmark: the same chain of one job per step as the BullMQ
 * worker (the next step's job is added before the current one completes).
 */
import { Logger, run, type Runner } from "graphile-worker";
import { markDone, serveRecorder, trivialStep } from "./recorder";

type StepJob = { token: string; step: number; steps: number; results: number[] };

const quiet = () => () => {};

async function main(): Promise<void> {
  const runner: Runner = await run({
    connectionString: process.env.BENCH_DATABASE_URL!,
    concurrency: Number(process.env.BENCH_CONCURRENCY ?? 32),
    noHandleSignals: true,
    logger: new Logger(quiet),
    taskList: {
      step: async (payload, helpers) => {
        const { token, step, steps, results } = payload as StepJob;
        const value = trivialStep(token, step);
        if (step + 1 < steps) await helpers.addJob("step", { token, step: step + 1, steps, results: [...results, value] }, { maxAttempts: 4 });
        else markDone(token);
      },
    },
  });
  process.stdout.write("ready\n");
  serveRecorder(async () => {
    await runner.stop();
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
