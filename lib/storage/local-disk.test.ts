import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PassThrough, Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors";
import { newStorageKey } from "./keys";
import { LocalDiskStorage } from "./local-disk";

let root: string;
let store: LocalDiskStorage;

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "conveyor-storage-"));
  store = new LocalDiskStorage(root);
});
afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const tmpFiles = async () => (await fs.readdir(path.join(root, ".tmp")).catch(() => [])).length;

describe("LocalDiskStorage", () => {
  it("stores buffers, Node streams and web streams, reporting size and sha256", async () => {
    const bytes = Buffer.from("hello storage");
    const sources = [
      bytes,
      Readable.from([bytes.subarray(0, 5), bytes.subarray(5)]),
      new Blob([bytes]).stream(),
      new Uint8Array(bytes),
    ];
    for (const source of sources) {
      const key = newStorageKey("ws1", "input");
      const result = await store.put(key, source);
      expect(result).toMatchObject({ size: bytes.length, sha256: sha(bytes) });
      expect(result.head.equals(bytes)).toBe(true);
      expect(await buffer(await store.get(key))).toEqual(bytes);
      expect(await store.exists(key)).toBe(true);
    }
    expect(await tmpFiles()).toBe(0);
  });

  it("never shows a partial file: the key appears only when the write completes", async () => {
    const key = newStorageKey("ws1", "result");
    const source = new PassThrough();
    const writing = store.put(key, source);
    source.write(Buffer.alloc(64 * 1024, 1));
    // Wait until bytes have reached the temp file, then look for the key.
    while (await tmpFiles() === 0) await new Promise((r) => setImmediate(r));
    expect(await store.exists(key)).toBe(false);
    await expect(store.get(key)).rejects.toMatchObject({ status: 404 });
    source.end(Buffer.alloc(10, 2));
    const result = await writing;
    expect(result.size).toBe(64 * 1024 + 10);
    expect((await buffer(await store.get(key))).length).toBe(64 * 1024 + 10);
  });

  it("refuses files over maxBytes while streaming and keeps nothing", async () => {
    const key = newStorageKey("ws1", "input");
    let produced = 0;
    const endless = new Readable({
      read() {
        produced += 16 * 1024;
        this.push(produced > 10 * 1024 * 1024 ? null : Buffer.alloc(16 * 1024));
      },
    });
    const error = await store.put(key, endless, { maxBytes: 100 * 1024 }).catch((e) => e);
    expect(isAppError(error) && error.status).toBe(413);
    expect(error.type).toBe("PayloadTooLargeError");
    // Stopped early rather than reading the whole 10 MiB.
    expect(produced).toBeLessThan(1024 * 1024);
    expect(await store.exists(key)).toBe(false);
    expect(await tmpFiles()).toBe(0);
    // Exactly at the limit is fine.
    await expect(store.put(key, Buffer.alloc(1000), { maxBytes: 1000 })).resolves.toMatchObject({ size: 1000 });
  });

  it("removes the temp file when the source fails", async () => {
    const key = newStorageKey("ws1", "input");
    const failing = new Readable({
      read() {
        this.destroy(new Error("client went away"));
      },
    });
    await expect(store.put(key, failing)).rejects.toThrow("client went away");
    expect(await tmpFiles()).toBe(0);
    expect(await store.exists(key)).toBe(false);
  });

  it("leaves no temp file when the source fails before the temp file is even open", async () => {
    // The pipeline fails while the write stream may still be opening its file; whatever the
    // timing, nothing may be left in the temp folder once put has rejected.
    for (let i = 0; i < 20; i++) {
      // The error is the put's to report; the listener only keeps Node from calling it uncaught
      // before put has attached its own.
      const failing = new Readable({ read() {} }).on("error", () => {});
      failing.destroy(new Error("refused"));
      await expect(store.put(newStorageKey("ws1", "input"), failing)).rejects.toThrow("refused");
      expect(await tmpFiles()).toBe(0);
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(await tmpFiles()).toBe(0);
  });

  it("rejects keys that could leave the root", async () => {
    const bad = ["../x", "a/../../x", "/etc/passwd", "a//b", ".tmp/x", "a/.hidden", "a/b/..", "a\\b", "", "a/b.", "a/%2e%2e"];
    for (const key of bad) {
      await expect(store.put(key, Buffer.from("x")), key).rejects.toThrow(/Invalid storage key/);
      await expect(store.get(key), key).rejects.toThrow(/Invalid storage key/);
      await expect(store.delete(key), key).rejects.toThrow(/Invalid storage key/);
    }
    await expect(fs.readdir(path.dirname(root))).resolves.not.toContain("x");
    expect(() => newStorageKey("../w", "input")).toThrow();
    expect(() => newStorageKey("w", "In/put")).toThrow();
  });

  it("deletes idempotently and answers NotFound for missing files", async () => {
    const key = newStorageKey("ws1", "input");
    await store.put(key, Buffer.from("x"));
    await store.delete(key);
    await store.delete(key);
    expect(await store.exists(key)).toBe(false);
    await expect(store.get(key)).rejects.toMatchObject({ type: "NotFoundError", status: 404 });
  });

  it("keeps serving an open stream when the file is deleted meanwhile", async () => {
    const key = newStorageKey("ws1", "result");
    await store.put(key, Buffer.alloc(200_000, 7));
    const stream = await store.get(key);
    await store.delete(key);
    expect((await buffer(stream)).length).toBe(200_000);
  });
});
