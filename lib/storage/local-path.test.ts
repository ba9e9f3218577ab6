import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { setStorage } from "./instance";
import { LocalDiskStorage } from "./local-disk";
import { localPathFor, localStorageRoot } from "./local-path";
import type { Storage } from "./storage";

afterEach(() => setStorage(undefined));

describe("localPathFor", () => {
  it("gives the file path where local disk storage keeps a key", async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), "conveyor-local-path-"));
    try {
      const store = new LocalDiskStorage(root);
      setStorage(store);
      await store.put("ws1/forms/abc", Buffer.from("%PDF-1.7"));
      expect(localPathFor("ws1/forms/abc")).toBe(path.join(root, "ws1", "forms", "abc"));
      expect(await fs.readFile(localPathFor("ws1/forms/abc"), "utf8")).toBe("%PDF-1.7");
      expect(localStorageRoot()).toBe(path.resolve(root));
    } finally {
      await fs.rm(root, { recursive: true, force: true });
    }
  });

  it("refuses keys that escape the root", () => {
    setStorage(new LocalDiskStorage("/tmp/conveyor-local-path-root"));
    expect(() => localPathFor("../etc/passwd")).toThrow(/Invalid storage key/);
    expect(() => localPathFor("/etc/passwd")).toThrow(/Invalid storage key/);
  });

  it("throws for a storage without file paths", () => {
    const remote: Storage = { put: async () => ({ size: 0, sha256: "", head: Buffer.alloc(0) }), get: async () => { throw new Error("no"); }, delete: async () => {}, exists: async () => false };
    setStorage(remote);
    expect(() => localPathFor("ws1/forms/abc")).toThrow(/local disk storage/);
    expect(() => localStorageRoot()).toThrow(/local disk storage/);
  });
});
