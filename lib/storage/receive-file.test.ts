import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { storage } from "./instance";
import { receiveFile } from "./receive-file";
import { useTestDataDir } from "./testing";

const dir = useTestDataDir("receive-file");
afterAll(() => dir.close());

type Part = { name: string; value: string | Uint8Array; filename?: string };

function upload(parts: Part[]): Request {
  const form = new FormData();
  for (const p of parts) {
    if (p.filename !== undefined) form.append(p.name, new Blob([p.value as BlobPart]), p.filename);
    else form.append(p.name, p.value as string);
  }
  return new Request("http://localhost/upload", { method: "POST", body: form });
}

let n = 0;
async function receive(req: Request, fields: Record<string, (v: string) => void> = {}, maxBytes = 100) {
  const key = `ws/tests/receive-${++n}`;
  const result = await receiveFile(req, {
    maxBytes,
    what: "the file",
    defaultFilename: "upload.bin",
    store: (stream) => storage().put(key, stream, { maxBytes }),
    discard: () => storage().delete(key),
    fields,
  });
  return { key, ...result };
}

async function refusal(promise: Promise<unknown>): Promise<{ status: number; path?: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  const app = error as AppError;
  return { status: app.status, path: (app.details as { path?: string }[] | undefined)?.[0]?.path };
}

const storedFiles = () => {
  const root = path.join(dir.dataDir, "files");
  return fs.existsSync(root) ? fs.readdirSync(root, { recursive: true }).filter((f) => !String(f).startsWith(".tmp") && fs.statSync(path.join(root, String(f))).isFile()) : [];
};

describe("receiveFile", () => {
  it("stores the one file part and hands its declared fields to their checks", async () => {
    let label = "";
    const got = await receive(upload([{ name: "label", value: "hello" }, { name: "file", value: new Uint8Array([1, 2, 3]), filename: "../a b.bin" }]), { label: (v) => (label = v) });
    expect(got.stored.size).toBe(3);
    expect(got.filename).not.toContain("/");
    expect(label).toBe("hello");
    await storage().delete(got.key);
  });

  it("refuses what is not multipart (415) and a missing file (422)", async () => {
    expect(await refusal(receive(new Request("http://localhost/upload", { method: "POST", body: "{}", headers: { "content-type": "application/json" } })))).toEqual({ status: 415, path: undefined });
    expect(await refusal(receive(upload([{ name: "label", value: "x" }]), { label: () => {} }))).toMatchObject({ status: 422, path: "body.file" });
  });

  it("refuses an unknown field, a repeated one and a second file, keeping nothing", async () => {
    const file = { name: "file", value: new Uint8Array([1, 2, 3]), filename: "a.bin" };
    expect(await refusal(receive(upload([file, { name: "other", value: "x" }])))).toMatchObject({ status: 422, path: "body.other" });
    expect(await refusal(receive(upload([file, { name: "label", value: "x" }, { name: "label", value: "y" }]), { label: () => {} }))).toMatchObject({ status: 422, path: "body.label" });
    expect(await refusal(receive(upload([file, { ...file, filename: "b.bin" }])))).toMatchObject({ status: 422, path: "body.file" });
    expect(storedFiles()).toEqual([]);
  });

  it("stops at maxBytes with 413 and removes the stored file when a later field is refused", async () => {
    expect((await refusal(receive(upload([{ name: "file", value: new Uint8Array(500), filename: "big.bin" }])))).status).toBe(413);
    const refuse = () => {
      throw new AppError("ValidationError", "bad label", 422, [{ path: "body.label", message: "bad", code: "custom" }]);
    };
    expect(await refusal(receive(upload([{ name: "file", value: new Uint8Array([1]), filename: "a.bin" }, { name: "label", value: "x" }]), { label: refuse }))).toMatchObject({ status: 422, path: "body.label" });
    expect(storedFiles()).toEqual([]);
  });
});
