/**
 * The benchmark's Inngest app, in its own process: `serve()` from inngest/node over HTTP, in cloud
 * mode (signed calls), with a 1-step and a 10-step function whose steps return a number. Prints
 * `ready <port>` on stdout; the orchestrator talks to it over IPC (see recorder.ts).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Inngest } from "inngest";
import { serve } from "inngest/node";
import { inProcessFetch } from "@/lib/engine/client-options";
import { markDone, serveRecorder, trivialStep } from "./recorder";

const signingKey = process.env.BENCH_SIGNING_KEY!;
const noop = () => {};
const inngest = new Inngest({
  id: "bench",
  isDev: false,
  signingKey,
  logger: { info: noop, warn: noop, error: noop, debug: noop },
  ...(process.env.BENCH_ENGINE_DATABASE_URL ? inProcessEngineApi(process.env.BENCH_ENGINE_DATABASE_URL) : {}),
});

/**
 * BENCH_ENGINE_DATABASE_URL: the app answers its SDK's engine calls (checkpoints) in its own
 * process, on that database, as Conveyor's Next.js app does in embedded mode
 * (lib/engine/client-options.ts), instead of over HTTP to another process.
 */
function inProcessEngineApi(url: string) {
  const baseUrl = "http://engine.bench.invalid/";
  let api: Promise<(request: Request) => Promise<Response>> | undefined;
  const load = async () => {
    const [{ openPool, postgresSql }, { Engine }, { handleEngineApi }] = await Promise.all([
      import("@/lib/db/postgres"),
      import("@/lib/engine/engine"),
      import("@/lib/engine/api/handle-engine-api"),
    ]);
    const engine = new Engine({ sql: postgresSql(openPool(url, 10)), kind: "intake", signingKey, appUrls: "any" });
    return (request: Request) => handleEngineApi(request, { trusted: true, ctx: engine.ctx });
  };
  return { baseUrl, fetch: inProcessFetch(baseUrl, async (request) => (await (api ??= load()))(request)) };
}

function chain(steps: number) {
  return inngest.createFunction(
    { id: `steps-${steps}`, retries: 3, triggers: [{ event: `bench/steps-${steps}` }] },
    async ({ event, step }) => {
      const token = String(event.data.token);
      let sum = 0;
      for (let i = 0; i < steps; i++) sum += await step.run(`s${i}`, () => trivialStep(token, i));
      // Reached once per run: on the call after the last step was memoized.
      markDone(token);
      return sum;
    },
  );
}

const handler = serve({ client: inngest, functions: [chain(1), chain(10)] });

/**
 * BENCH_STUB_SDK=1: registration still goes through the real serve(), but step calls are answered
 * by a minimal responder speaking the same protocol (one new step per call, then the result), so
 * the engine's own cost can be told apart from the SDK's. Not a usable Inngest app.
 */
async function stub(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const body = JSON.parse(Buffer.concat(chunks).toString()) as { event: { data: { token: string } }; steps: Record<string, unknown> };
  const steps = Number(/steps-(\d+)/.exec(req.url ?? "")?.[1] ?? 1);
  const done = Object.keys(body.steps ?? {}).length;
  const token = String(body.event.data.token);
  const headers = { "content-type": "application/json", "x-inngest-sdk": "bench-stub", "x-inngest-req-version": "2" };
  if (done < steps) {
    const data = trivialStep(token, done);
    res.writeHead(206, headers).end(JSON.stringify([{ op: "StepRun", id: `s${done}`, name: `s${done}`, displayName: `s${done}`, data }]));
    return;
  }
  markDone(token);
  res.writeHead(200, headers).end(JSON.stringify(steps));
}

const stubbed = process.env.BENCH_STUB_SDK === "1";
const server = http.createServer((req, res) => void (stubbed && req.method === "POST" ? stub(req, res) : handler(req, res)));
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`ready ${(server.address() as AddressInfo).port}\n`);
});
serveRecorder(async () => {
  server.closeAllConnections();
  server.close();
});
