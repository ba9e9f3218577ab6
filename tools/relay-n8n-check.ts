/**
 * `npm run relay:n8n-check`: runs the shipped workflow (integrations/n8n/notion-relay.json) on a
 * real n8n against the stand-in Notion API, end to end. n8n (large) is installed into .cache/n8n,
 * outside the repo's dependencies, once. Steps: import a Notion credential and the workflow,
 * activate it, start n8n, then POST signed dispatches the way Conveyor does and check the signed
 * callbacks: a good one creates a page (success callback with its URL), a bad signature is
 * refused (401), an unknown database ends in a signed failure callback.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { checkSignature, signatureHeaders } from "../lib/http/signed-webhook";
import { buildDispatchBody } from "../lib/relay/dispatch";
import { startStandInNotion } from "../lib/relay/testing/stand-in-notion";

const N8N_VERSION = process.env.N8N_VERSION ?? "1.123";
const root = path.resolve(__dirname, "..");
const cache = path.join(root, ".cache", "n8n");
fs.mkdirSync(path.join(root, ".cache"), { recursive: true });
const home = fs.mkdtempSync(path.join(root, ".cache", "n8n-home-"));
const SECRET = "n8n-check-signing-secret-0123456789abcdef";
const TOKEN = "ntn_n8n_check_token";
const DATABASE_ID = "0123456789abcdef0123456789abcdef";
const PORT = Number(process.env.N8N_CHECK_PORT ?? 5688);
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

function log(text: string) {
  console.log(`[relay:n8n-check] ${text}`);
}

function installN8n(): string {
  const bin = path.join(cache, "node_modules", ".bin", "n8n");
  if (fs.existsSync(bin)) return bin;
  log(`installing n8n@${N8N_VERSION} into ${cache} (once; about 20 minutes on 2 cores)`);
  fs.mkdirSync(cache, { recursive: true });
  // Two of n8n's dependencies cannot be installed as published on Node 20 from the npm registry:
  // n8n-nodes-base names xlsx as a tarball on cdn.sheetjs.com (outside the registry), and
  // isolated-vm 6 needs Node 22. The registry's xlsx 0.18.5 and isolated-vm 5.0.4 stand in; the
  // relay workflow uses neither the spreadsheet nodes nor the code sandbox's isolate.
  fs.writeFileSync(
    path.join(cache, "package.json"),
    JSON.stringify({ name: "conveyor-n8n-check", private: true, dependencies: { n8n: N8N_VERSION }, overrides: { xlsx: "0.18.5", "isolated-vm": "5.0.4" } }, null, 2),
  );
  const result = spawnSync("npm", ["install", "--prefix", cache, "--no-audit", "--no-fund", "--omit=dev"], { stdio: "inherit" });
  if (result.status !== 0) throw new Error("npm install n8n failed");
  return bin;
}

type Callback = { jobId: string; body: unknown; signature: string | null };

async function callbackReceiver() {
  const received: Callback[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const problem = checkSignature(SECRET, { timestamp: (req.headers["x-conveyor-timestamp"] as string) ?? null, signature: (req.headers["x-conveyor-signature"] as string) ?? null }, raw);
      const jobId = /\/jobs\/([^/]+)\/callback$/.exec(req.url ?? "")?.[1] ?? "";
      let body: unknown = raw.toString("utf8");
      try {
        body = JSON.parse(raw.toString("utf8"));
      } catch {
        // Recorded as text.
      }
      received.push({ jobId, body, signature: problem });
      res.writeHead(problem ? 401 : 200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { received, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function waitFor<T>(what: string, check: () => T | undefined | Promise<T | undefined>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function main() {
  const n8n = installN8n();
  const notion = await startStandInNotion({ token: TOKEN, databaseId: DATABASE_ID });
  const callbacks = await callbackReceiver();
  const env = {
    ...process.env,
    N8N_USER_FOLDER: home,
    N8N_PORT: String(PORT),
    N8N_LISTEN_ADDRESS: "127.0.0.1",
    N8N_ENCRYPTION_KEY: "n8n-check-encryption-key",
    N8N_DIAGNOSTICS_ENABLED: "false",
    N8N_VERSION_NOTIFICATIONS_ENABLED: "false",
    N8N_PERSONALIZATION_ENABLED: "false",
    N8N_RUNNERS_ENABLED: "false",
    NODE_FUNCTION_ALLOW_BUILTIN: "crypto",
    N8N_BLOCK_ENV_ACCESS_IN_NODE: "false",
    CONVEYOR_SIGNING_SECRET: SECRET,
    NOTION_API_URL: notion.url,
  };
  const run = (args: string[]) => {
    const r = spawnSync(n8n, args, { env, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`n8n ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
    log(`n8n ${args[0]}: ok`);
  };
  const credentials = path.join(home, "credentials.json");
  fs.writeFileSync(credentials, JSON.stringify([{ id: "conveyor-notion", name: "Notion (Conveyor relay)", type: "notionApi", data: { apiKey: TOKEN } }]));
  run(["import:credentials", `--input=${credentials}`]);
  run(["import:workflow", `--input=${path.join(root, "integrations", "n8n", "notion-relay.json")}`]);
  run(["update:workflow", "--id=conveyorNotionRelay", "--active=true"]);

  const server = spawn(n8n, ["start"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  server.stdout.on("data", (c) => (output += c));
  server.stderr.on("data", (c) => (output += c));
  const results: string[] = [];
  try {
    await waitFor("n8n to start", async () => ((await fetch(`http://127.0.0.1:${PORT}/healthz`).catch(() => null))?.ok ? true : undefined), 180_000);
    log("n8n is up");
    const webhook = `http://127.0.0.1:${PORT}/webhook/conveyor-notion-relay`;
    // /healthz answers before the active workflows' webhooks are registered (a POST then gets
    // Express's "Cannot POST"); an unsigned POST is refused by the workflow itself once it is live.
    await waitFor("the workflow's webhook", async () => ((await fetch(webhook, { method: "POST" }).catch(() => null))?.status ?? 404) !== 404 ? true : undefined, 120_000);
    log("webhook registered");
    const dispatch = async (jobId: string, databaseId: string, secret = SECRET) => {
      const { body, contentType } = buildDispatchBody({
        jobId,
        notionDatabaseId: databaseId,
        filename: "Whiteboard photo.png",
        contentType: "image/png",
        callbackUrl: `${callbacks.url}/api/v1/relay/jobs/${jobId}/callback`,
        file: PNG,
      });
      const res = await fetch(webhook, { method: "POST", body: new Uint8Array(body), headers: { "content-type": contentType, ...signatureHeaders(secret, body) } });
      return { status: res.status, text: await res.text() };
    };

    const good = await dispatch("job-success", DATABASE_ID);
    log(`signed dispatch: ${good.status} ${good.text}`);
    const success = await waitFor("the success callback", () => callbacks.received.find((c) => c.jobId === "job-success"));
    const page = notion.pages[0];
    const uploaded = page?.fileUploadId ? notion.uploads.get(page.fileUploadId) : undefined;
    results.push(`success: callback ${JSON.stringify(success.body)}, signature ${success.signature ?? "valid"}; page "${page?.title}" in data source ${page?.dataSourceId === notion.dataSourceId ? "ok" : "WRONG"}; image ${uploaded?.bytes?.equals(PNG) ? "uploaded byte for byte" : "MISSING"}`);

    const bad = await dispatch("job-bad-signature", DATABASE_ID, "not-the-secret-0123456789abcdef0123456789");
    results.push(`bad signature: webhook answered ${bad.status}`);

    const failed = await dispatch("job-failure", "ffffffffffffffffffffffffffffffff");
    log(`dispatch to an unknown database: ${failed.status}`);
    const failure = await waitFor("the failure callback", () => callbacks.received.find((c) => c.jobId === "job-failure"));
    results.push(`failure: callback ${JSON.stringify(failure.body)}, signature ${failure.signature ?? "valid"}`);

    const okAll =
      (success.body as { status?: string }).status === "success" &&
      success.signature === null &&
      Boolean(uploaded?.bytes?.equals(PNG)) &&
      bad.status === 401 &&
      (failure.body as { status?: string }).status === "failure" &&
      failure.signature === null;
    for (const line of results) log(line);
    log(okAll ? "PASS" : "FAIL");
    process.exitCode = okAll ? 0 : 1;
  } catch (error) {
    for (const line of results) log(line);
    log(`FAIL: ${(error as Error).message}`);
    console.log(output.split("\n").slice(-60).join("\n"));
    process.exitCode = 1;
  } finally {
    server.kill("SIGTERM");
    await callbacks.close();
    await notion.close();
    fs.rmSync(home, { recursive: true, force: true });
  }
}

void main();
