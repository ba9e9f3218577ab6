/**
 * A tiny Inngest app that knows nothing about Conveyor: the standalone engine's test target.
 * Configured only by Inngest's own variables (INNGEST_DEV=1, INNGEST_BASE_URL=<engine>), it
 * serves its functions on PORT at /api/inngest, `POST /send` sends an event, `GET /results` shows
 * what its functions did.
 */
import http from "node:http";
import { Inngest } from "inngest";
import { serve } from "inngest/node";

const inngest = new Inngest({ id: "tiny-app" });
const results: Record<string, unknown> = {};

const hello = inngest.createFunction(
  { id: "hello", triggers: [{ event: "tiny/hello" }] },
  async ({ event, step }) => {
    const greeting = await step.run("greet", () => `hello ${event.data.name}`);
    await step.sleep("nap", "1s");
    const ack = await step.waitForEvent("ack", { event: "tiny/ack", timeout: "60s", match: "data.id" });
    const out = { greeting, acked: ack?.data.by ?? null };
    await step.run("record", () => {
      results[String(event.data.id)] = out;
    });
    return out;
  },
);

const handler = serve({ client: inngest, functions: [hello] });
const port = Number(process.argv[2] ?? 3939);

http
  .createServer(async (req, res) => {
    if (req.url?.startsWith("/api/inngest")) return void handler(req, res);
    if (req.url === "/results") return void res.end(JSON.stringify(results));
    if (req.url === "/send" && req.method === "POST") {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const { ids } = await inngest.send(JSON.parse(Buffer.concat(chunks).toString()));
      return void res.end(JSON.stringify({ ids }));
    }
    res.writeHead(404).end();
  })
  .listen(port, "127.0.0.1", () => console.log(`tiny app on ${port}`));
