import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import busboy from "busboy";

/**
 * A stand-in for the part of Notion's API the relay uses (version 2025-09-03), on 127.0.0.1:
 * `GET /v1/databases/{id}` (with its `data_sources`), `POST /v1/file_uploads`,
 * `GET /v1/file_uploads/{id}`, `POST /v1/file_uploads/{id}/send` (multipart `file`),
 * `POST /v1/pages` under a data source with an image block attaching the upload,
 * `POST /v1/data_sources/{id}/query` (a title `equals` filter) and `GET /v1/blocks/{id}/children`. Answers and errors
 * take Notion's shapes (`{object: "error", status, code, message, request_id}`, `Retry-After` in
 * seconds on a 429); it checks the bearer token and Notion-Version. `faults` makes the next matching
 * calls fail as Notion does when it is busy or down; `requests` counts the calls by route.
 */
export type NotionRoute = "databases" | "file_uploads" | "file_upload" | "send" | "pages" | "query" | "children";

/** `afterWrite`: the call does its work first, then answers the error (an answer lost after Notion wrote). */
export type NotionFault = { on: NotionRoute; status: 429 | 500 | 502 | 503 | 504; retryAfterSeconds?: number; afterWrite?: boolean };

const FAULT_BODIES: Record<NotionFault["status"], { code: string; message: string }> = {
  429: { code: "rate_limited", message: "You have been rate limited. Please try again in a few minutes." },
  500: { code: "internal_server_error", message: "Unexpected error occurred." },
  502: { code: "bad_gateway", message: "Bad gateway." },
  503: { code: "service_unavailable", message: "Notion is unavailable. Please try again later." },
  504: { code: "gateway_timeout", message: "Gateway timeout." },
};

export type StandInNotion = {
  url: string;
  databaseId: string;
  dataSourceId: string;
  uploads: Map<string, { filename: string; contentType: string; status: "pending" | "uploaded"; bytes?: Buffer }>;
  pages: { id: string; url: string; title: string; dataSourceId: string; fileUploadId: string | null; caption: string; createdTime: string }[];
  faults: NotionFault[];
  requests: Record<NotionRoute, number>;
  close(): Promise<void>;
};

const hex = (id: string) => id.replace(/-/g, "");

export async function startStandInNotion(opts: { token: string; databaseId: string; port?: number }): Promise<StandInNotion> {
  const dataSourceId = randomUUID();
  const state = {
    uploads: new Map() as StandInNotion["uploads"],
    pages: [] as StandInNotion["pages"],
    faults: [] as NotionFault[],
    requests: { databases: 0, file_uploads: 0, file_upload: 0, send: 0, pages: 0, query: 0, children: 0 } as StandInNotion["requests"],
  };
  const error = (res: http.ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}) =>
    res
      .writeHead(status, { "content-type": "application/json", "x-notion-request-id": randomUUID(), ...headers })
      .end(JSON.stringify({ object: "error", status, code, message, request_id: randomUUID() }));
  /** Counts the call; answers a queued fault for its route instead, if there is one. */
  const faulted = (res: http.ServerResponse, route: NotionRoute): boolean => {
    state.requests[route]++;
    const at = state.faults.findIndex((f) => f.on === route && !f.afterWrite);
    if (at < 0) return false;
    const [fault] = state.faults.splice(at, 1);
    const body = FAULT_BODIES[fault.status];
    error(res, fault.status, body.code, body.message, fault.retryAfterSeconds !== undefined ? { "retry-after": String(fault.retryAfterSeconds) } : {});
    return true;
  };
  /** After the work is done: a queued `afterWrite` fault answers instead of the success. */
  const lostAnswer = (res: http.ServerResponse, route: NotionRoute): boolean => {
    const at = state.faults.findIndex((f) => f.on === route && f.afterWrite);
    if (at < 0) return false;
    const [fault] = state.faults.splice(at, 1);
    const body = FAULT_BODIES[fault.status];
    error(res, fault.status, body.code, body.message);
    return true;
  };
  const pageObject = (p: StandInNotion["pages"][number]) => ({
    object: "page",
    id: p.id,
    created_time: p.createdTime,
    url: p.url,
    parent: { type: "data_source_id", data_source_id: p.dataSourceId },
    properties: { Name: { id: "title", type: "title", title: [{ type: "text", text: { content: p.title }, plain_text: p.title }] } },
  });
  const ok = (res: http.ServerResponse, body: object) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      if (req.headers.authorization !== `Bearer ${opts.token}`) return error(res, 401, "unauthorized", "API token is invalid.");
      if (req.headers["notion-version"] !== "2025-09-03") return error(res, 400, "missing_version", "Notion-Version header failed validation: expected 2025-09-03 here.");
      const url = new URL(req.url ?? "/", "http://x");
      const path = url.pathname;
      let m: RegExpExecArray | null;
      if (req.method === "GET" && (m = /^\/v1\/databases\/([^/]+)$/.exec(path))) {
        if (faulted(res, "databases")) return;
        if (hex(m[1]) !== hex(opts.databaseId)) return error(res, 404, "object_not_found", `Could not find database with ID: ${m[1]}. Make sure the relevant pages and databases are shared with your integration.`);
        return ok(res, { object: "database", id: opts.databaseId, title: [{ plain_text: "Inbox" }], data_sources: [{ id: dataSourceId, name: "Inbox" }] });
      }
      if (req.method === "POST" && path === "/v1/file_uploads") {
        if (faulted(res, "file_uploads")) return;
        let body: { mode?: string; filename?: string; content_type?: string };
        try {
          body = JSON.parse(raw.toString("utf8") || "{}");
        } catch {
          return error(res, 400, "invalid_json", "Error parsing JSON body.");
        }
        if ((body.mode ?? "single_part") !== "single_part") return error(res, 400, "validation_error", "Only single_part is supported here.");
        const id = randomUUID();
        state.uploads.set(id, { filename: body.filename ?? "file", contentType: body.content_type ?? "application/octet-stream", status: "pending" });
        return ok(res, { object: "file_upload", id, status: "pending", filename: body.filename ?? null, content_type: body.content_type ?? null, upload_url: `${address()}/v1/file_uploads/${id}/send` });
      }
      if (req.method === "GET" && (m = /^\/v1\/file_uploads\/([^/]+)$/.exec(path))) {
        if (faulted(res, "file_upload")) return;
        const upload = state.uploads.get(m[1]);
        if (!upload) return error(res, 404, "object_not_found", `Could not find file_upload with ID: ${m[1]}.`);
        return ok(res, {
          object: "file_upload",
          id: m[1],
          status: upload.status,
          filename: upload.filename,
          content_type: upload.contentType,
          content_length: upload.bytes?.length ?? null,
          upload_url: upload.status === "pending" ? `${address()}/v1/file_uploads/${m[1]}/send` : null,
        });
      }
      if (req.method === "POST" && (m = /^\/v1\/file_uploads\/([^/]+)\/send$/.exec(path))) {
        if (faulted(res, "send")) return;
        const upload = state.uploads.get(m[1]);
        if (!upload) return error(res, 404, "object_not_found", `Could not find file_upload with ID: ${m[1]}.`);
        if (upload.status !== "pending") return error(res, 400, "validation_error", `File upload ${m[1]} is not pending; its status is ${upload.status}.`);
        const parser = busboy({ headers: req.headers as Record<string, string>, limits: { fileSize: 20_000_000 } });
        const parts: Buffer[] = [];
        let seen = false;
        parser.on("file", (name, stream) => {
          if (name !== "file") return void stream.resume();
          seen = true;
          stream.on("data", (c: Buffer) => parts.push(c));
        });
        parser.on("close", () => {
          if (!seen) return error(res, 400, "validation_error", "body.file should be defined.");
          Object.assign(upload, { status: "uploaded", bytes: Buffer.concat(parts) });
          ok(res, { object: "file_upload", id: m![1], status: "uploaded", filename: upload.filename, content_type: upload.contentType, content_length: upload.bytes!.length });
        });
        parser.on("error", () => error(res, 400, "validation_error", "The multipart body is malformed."));
        parser.end(raw);
        return;
      }
      if (req.method === "POST" && path === "/v1/pages") {
        if (faulted(res, "pages")) return;
        type PageBody = {
          parent?: { type?: string; data_source_id?: string; database_id?: string };
          properties?: Record<string, { title?: { text?: { content?: string } }[] }>;
          children?: { type?: string; image?: { type?: string; file_upload?: { id?: string } } }[];
        };
        let body: PageBody;
        try {
          body = JSON.parse(raw.toString("utf8"));
        } catch {
          return error(res, 400, "invalid_json", "Error parsing JSON body.");
        }
        if (body.parent?.data_source_id !== dataSourceId) return error(res, 400, "validation_error", "body.parent.data_source_id should be a valid data source id.");
        const title = body.properties?.title?.title?.[0]?.text?.content;
        if (!title) return error(res, 400, "validation_error", "body.properties.title should be defined.");
        const image = body.children?.find((c) => c.type === "image")?.image as
          | { type?: string; file_upload?: { id?: string }; caption?: { text?: { content?: string } }[] }
          | undefined;
        const fileUploadId = image?.type === "file_upload" ? (image.file_upload?.id ?? null) : null;
        if (fileUploadId && state.uploads.get(fileUploadId)?.status !== "uploaded") return error(res, 400, "validation_error", `File upload ${fileUploadId} is not uploaded.`);
        const id = randomUUID();
        const pageUrl = `https://www.notion.so/${title.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "") || "Untitled"}-${hex(id)}`;
        const caption = (image?.caption ?? []).map((c) => c.text?.content ?? "").join("");
        const page = { id, url: pageUrl, title, dataSourceId, fileUploadId, caption, createdTime: new Date().toISOString() };
        state.pages.push(page);
        if (lostAnswer(res, "pages")) return;
        return ok(res, pageObject(page));
      }
      if (req.method === "POST" && (m = /^\/v1\/data_sources\/([^/]+)\/query$/.exec(path))) {
        if (faulted(res, "query")) return;
        if (m[1] !== dataSourceId) return error(res, 404, "object_not_found", `Could not find data_source with ID: ${m[1]}. Make sure the relevant pages and databases are shared with your integration.`);
        let body: { filter?: { property?: string; title?: { equals?: string } }; page_size?: number };
        try {
          body = JSON.parse(raw.toString("utf8") || "{}");
        } catch {
          return error(res, 400, "invalid_json", "Error parsing JSON body.");
        }
        const equals = body.filter?.title?.equals;
        const results = state.pages
          .filter((p) => equals === undefined || p.title === equals)
          .reverse()
          .slice(0, body.page_size ?? 100)
          .map(pageObject);
        return ok(res, { object: "list", results, next_cursor: null, has_more: false, type: "page_or_data_source", page_or_data_source: {} });
      }
      if (req.method === "GET" && (m = /^\/v1\/blocks\/([^/]+)\/children$/.exec(path))) {
        if (faulted(res, "children")) return;
        const page = state.pages.find((p) => p.id === m![1]);
        if (!page) return error(res, 404, "object_not_found", `Could not find block with ID: ${m[1]}. Make sure the relevant pages and databases are shared with your integration.`);
        const caption = page.caption ? [{ type: "text", text: { content: page.caption, link: null }, plain_text: page.caption, href: null }] : [];
        const block = { object: "block", id: randomUUID(), type: "image", has_children: false, image: { type: "file", file: { url: `${address()}/files/${page.fileUploadId}`, expiry_time: new Date(Date.now() + 3600_000).toISOString() }, caption } };
        return ok(res, { object: "list", results: page.fileUploadId ? [block] : [], next_cursor: null, has_more: false, type: "block", block: {} });
      }
      error(res, 400, "invalid_request_url", "Invalid request URL.");
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  const address = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(state, {
    url: address(),
    databaseId: opts.databaseId,
    dataSourceId,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
