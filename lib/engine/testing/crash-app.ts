/**
 * The crash test's SDK app (never killed): one function of argv[4] sequential steps followed by a
 * parallel group (Promise.all) of GROUP steps, whose every step execution is appended, with its
 * start time, to the log file given as argv[3]. Serves on port argv[2].
 */
import fs from "node:fs";
import http from "node:http";
import { Inngest } from "inngest";
import { serve } from "inngest/node";
import { GROUP } from "./crash-group";
import { TEST_SIGNING_KEY } from "./sdk-app";

const port = Number(process.argv[2]);
const logFile = process.argv[3];
const steps = Number(process.argv[4] ?? 5);

const inngest = new Inngest({ id: "crash-app", isDev: false, signingKey: TEST_SIGNING_KEY, logger: quiet() });

const chain = inngest.createFunction(
  { id: "chain", retries: 10, triggers: [{ event: "crash/chain" }] },
  async ({ event, step, runId }) => {
    const counted = (id: string, value: string) =>
      step.run(id, async () => {
        fs.appendFileSync(logFile, `${JSON.stringify({ run: runId, step: id, at: Date.now() })}\n`);
        // A little work, so kills land inside steps as well as between them.
        await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 15)));
        return value;
      });
    const out: string[] = [];
    for (let i = 0; i < steps; i++) out.push(await counted(`s${i}`, `${i}:${event.data.k}`));
    // Siblings finish on different workers, and kills land between them.
    const group = await Promise.all(GROUP.map((id) => counted(id, `${id}:${event.data.k}`)));
    return [...out, ...group];
  },
);

const handler = serve({ client: inngest, functions: [chain] });
const server = http.createServer((req, res) => void handler(req, res));
server.keepAliveTimeout = 60_000;
server.listen(port, "127.0.0.1", () => console.log(`crash app on ${port}`));

function quiet() {
  const noop = () => {};
  return { info: noop, warn: noop, error: noop, debug: noop };
}
