import http from "node:http";
import type { AddressInfo } from "node:net";
import busboy from "busboy";
import { checkSignature, signatureHeaders } from "@/lib/http/signed-webhook";

/**
 * A stand-in for the shipped n8n workflow (integrations/n8n/notion-relay.json), on 127.0.0.1. It
 * takes the webhook as n8n's Webhook node does (POST /webhook/<path>, multipart with the binary
 * `file` and the text parts), checks the signature as the workflow's Code node does (401 when it
 * fails), answers 200 `{"message":"Workflow was started"}` at once as the Webhook node's "Respond
 * immediately" mode does, then calls back signed, as the workflow's HTTP Request nodes do.
 */
export type StandInBehaviour =
  /**
   * Create the "page" and call back success (the default). `callBackFirst`: the callback is made
   * and answered before the webhook answers (a workflow that responds at its end), so it lands
   * before the run's wait can begin.
   */
  | { kind: "success"; callBackFirst?: boolean; delayMs?: number }
  /** Call back failure with this message (the workflow's error branch). */
  | { kind: "failure"; message: string }
  /** Accept the webhook but never call back. */
  | { kind: "silent" }
  /** Answer the webhook with this status (no callback). */
  | { kind: "status"; status: number };

export type ReceivedDispatch = {
  jobId: string;
  notionDatabaseId: string;
  filename: string;
  callbackUrl: string;
  file: Buffer;
  fileContentType: string;
  signatureOk: boolean;
};

export type StandInN8n = {
  url: string;
  webhookUrl: string;
  received: ReceivedDispatch[];
  /** Webhook calls answered so far (including refused ones). */
  calls: number;
  /** What the next calls do: each entry is used once, then `fallback`. */
  queue: StandInBehaviour[];
  fallback: StandInBehaviour;
  /** Callback answers (status codes) from Conveyor. */
  callbackAnswers: number[];
  close(): Promise<void>;
};

export const STAND_IN_WEBHOOK_PATH = "/webhook/conveyor-notion-relay";

/** The page URL the stand-in "creates": Notion's format, title slug plus the 32-hex page id. */
export function standInPageUrl(jobId: string, filename: string): string {
  const slug = filename.replace(/\.[^.]+$/, "").replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "") || "Untitled";
  const hex = Buffer.from(jobId).toString("hex").padEnd(32, "0").slice(0, 32);
  return `https://www.notion.so/${slug}-${hex}`;
}

export async function startStandInN8n(opts: { secret: string; port?: number; callbackDelayMs?: number }): Promise<StandInN8n> {
  const state = { received: [] as ReceivedDispatch[], calls: 0, queue: [] as StandInBehaviour[], fallback: { kind: "success" } as StandInBehaviour, callbackAnswers: [] as number[] };

  async function callBack(url: string, payload: object) {
    const body = JSON.stringify(payload);
    const res = await fetch(url, { method: "POST", body, headers: { "content-type": "application/json", ...signatureHeaders(opts.secret, body) } });
    state.callbackAnswers.push(res.status);
    await res.body?.cancel();
  }

  const server = http.createServer((req, res) => {
    // n8n's own health endpoint, which Playwright polls before the tests start.
    if (req.method === "GET" && req.url === "/healthz") return void res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
    if (req.method !== "POST" || req.url !== STAND_IN_WEBHOOK_PATH) {
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ code: 404, message: "The requested webhook is not registered." }));
      return;
    }
    state.calls++;
    const behaviour = state.queue.shift() ?? state.fallback;
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      if (behaviour.kind === "status") {
        res.writeHead(behaviour.status, { "content-type": "application/json" }).end(JSON.stringify({ message: "stand-in answer" }));
        return;
      }
      const signatureOk =
        checkSignature(opts.secret, { timestamp: String(req.headers["x-conveyor-timestamp"] ?? "") || null, signature: String(req.headers["x-conveyor-signature"] ?? "") || null }, raw) === null;
      parseMultipart(req.headers["content-type"] ?? "", raw)
        .then((parts) => {
          const dispatch: ReceivedDispatch = {
            jobId: parts.fields.job_id ?? "",
            notionDatabaseId: parts.fields.notion_database_id ?? "",
            filename: parts.fields.filename ?? "",
            callbackUrl: parts.fields.callback_url ?? "",
            file: parts.file ?? Buffer.alloc(0),
            fileContentType: parts.fileContentType ?? "",
            signatureOk,
          };
          state.received.push(dispatch);
          if (!signatureOk) {
            res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ message: "invalid signature" }));
            return;
          }
          const answer = () => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ message: "Workflow was started" }));
          if (behaviour.kind === "silent") return answer();
          const payload =
            behaviour.kind === "success"
              ? { status: "success", notion_page_url: standInPageUrl(dispatch.jobId, dispatch.filename) }
              : { status: "failure", message: behaviour.message };
          const send = () => callBack(dispatch.callbackUrl, payload).catch(() => void state.callbackAnswers.push(0));
          if (behaviour.kind === "success" && behaviour.callBackFirst) return void send().then(answer);
          answer();
          const delay = behaviour.kind === "success" && behaviour.delayMs !== undefined ? behaviour.delayMs : (opts.callbackDelayMs ?? 0);
          setTimeout(() => void send(), delay);
        })
        .catch(() => res.writeHead(400).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(state, {
    url,
    webhookUrl: `${url}${STAND_IN_WEBHOOK_PATH}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }) as StandInN8n;
}

function parseMultipart(contentType: string, raw: Buffer): Promise<{ fields: Record<string, string>; file?: Buffer; fileContentType?: string }> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    let file: Buffer | undefined;
    let fileContentType: string | undefined;
    const parser = busboy({ headers: { "content-type": contentType } });
    parser.on("field", (name, value) => (fields[name] = value));
    parser.on("file", (_name, stream, info) => {
      fileContentType = info.mimeType;
      const parts: Buffer[] = [];
      stream.on("data", (c: Buffer) => parts.push(c));
      stream.on("end", () => (file = Buffer.concat(parts)));
    });
    parser.on("close", () => resolve({ fields, file, fileContentType }));
    parser.on("error", reject);
    parser.end(raw);
  });
}
