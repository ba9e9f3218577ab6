/**
 * Runs in its own tsx process (lib/ uses dynamic imports that Playwright's test loader cannot
 * follow): reads one JSON command per line on stdin, drives jobs through lib/jobs against the
 * served app's database and DATA_DIR, and answers one JSON line per command.
 */
import readline from "node:readline";
import { closeDatabase, db } from "../../lib/db";
import { completeJob, createJob, expireJobResults, failJob, startJob, updateJobProgress } from "../../lib/jobs";
import { saveFile } from "../../lib/storage";

type Args = Record<string, unknown> & { jobId: string };

const OPS: Record<string, (args: never) => Promise<unknown>> = {
  createJob: async (a: { workspaceId: string; createdById: string; kind: string; message?: string }) => ({ id: (await createJob(a)).id }),
  startJob: async (a: Args & { stage: string; message?: string }) => (await startJob(a.jobId, a)).applied,
  updateJobProgress: async (a: Args & { progress: number; stage?: string; message?: string }) => (await updateJobProgress(a.jobId, a)).applied,
  failJob: async (a: Args & { type: string; detail: string }) => (await failJob(a.jobId, a)).applied,
  /** Stores `text` as the job's result file, then completes the job with it. */
  completeWithText: async (a: Args & { workspaceId: string; filename: string; text: string; message?: string }) => {
    const file = await saveFile({ workspaceId: a.workspaceId, jobId: a.jobId, purpose: "result", filename: a.filename, contentType: "text/plain", source: Buffer.from(a.text) });
    return (await completeJob(a.jobId, { resultFileId: file.id, message: a.message })).applied;
  },
  /** Lets retention delete the job's result now. */
  expireResult: async (a: Args) => {
    const prisma = await db();
    await prisma.job.update({ where: { id: a.jobId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    return expireJobResults(new Date());
  },
};

const lines = readline.createInterface({ input: process.stdin });
lines.on("line", async (line) => {
  const { id, op, args } = JSON.parse(line) as { id: number; op: string; args: never };
  try {
    const fn = OPS[op];
    if (!fn) throw new Error(`unknown seeding op ${op}`);
    process.stdout.write(`${JSON.stringify({ id, result: (await fn(args)) ?? null })}\n`);
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ id, error: (error as Error).stack ?? String(error) })}\n`);
  }
});
lines.on("close", () => void closeDatabase().finally(() => process.exit(0)));
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
