import { type TestDataDir, useTestDataDir } from "@/lib/storage/testing";

export const TEST_RELAY_SECRET = "relay-test-secret-0123456789abcdef0123";
export const TEST_DATABASE_ID = "0123456789abcdef0123456789abcdef";

export type RelayTestEnv = TestDataDir;

/** A throwaway DATA_DIR with storage installed and the relay switched on with the given settings. */
export function useRelayTestEnv(settings: Record<string, string | undefined> = {}): RelayTestEnv {
  return useTestDataDir("relay", {
    APP_URL: "http://127.0.0.1:3000",
    RELAY_SIGNING_SECRET: TEST_RELAY_SECRET,
    RELAY_N8N_WEBHOOK_URL: "http://127.0.0.1:9/webhook/conveyor-notion-relay",
    RELAY_NOTION_DATABASE_ID: TEST_DATABASE_ID,
    ...settings,
  });
}

/** Just enough of each format for sniffing by bytes. */
export const IMAGES = {
  png: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0", "latin1"), Buffer.alloc(64, 7)]),
  jpeg: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from("JFIF\0", "latin1"), Buffer.alloc(64, 3)]),
  webp: Buffer.concat([Buffer.from("RIFF\x40\0\0\0WEBPVP8 ", "latin1"), Buffer.alloc(64, 1)]),
  gif: Buffer.concat([Buffer.from("GIF89a", "latin1"), Buffer.alloc(64, 2)]),
  heic: (() => {
    const box = Buffer.alloc(24);
    box.writeUInt32BE(24, 0);
    box.write("ftypheic\0\0\0\0mif1heic", 4, "latin1");
    return Buffer.concat([box, Buffer.alloc(64, 4)]);
  })(),
};

/** A multipart upload request for POST /api/v1/relay/jobs. */
export function relayUploadRequest(
  parts: ({ name: string; filename: string; data: Uint8Array; type?: string } | { name: string; value: string })[],
  opts: { apiKey?: string; headers?: Record<string, string> } = {},
): Request {
  const form = new FormData();
  for (const p of parts) {
    if ("data" in p) form.append(p.name, new Blob([new Uint8Array(p.data)], { type: p.type ?? "application/octet-stream" }), p.filename);
    else form.append(p.name, p.value);
  }
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.apiKey) headers["x-api-key"] = opts.apiKey;
  return new Request("http://localhost/api/v1/relay/jobs", { method: "POST", body: form, headers });
}

/** A callback request signed like the workflow signs it (or not, or stale, as a test needs). */
export function callbackRequest(jobId: string, body: string, headers: Record<string, string>): Request {
  return new Request(`http://localhost/api/v1/relay/jobs/${jobId}/callback`, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });
}
