import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/db/testing";
import { downloadParts } from "./download";
import { deleteFile, getFile, openFile, recordStoredFile, saveFile } from "./files";
import { newStorageKey } from "./keys";
import { setStorage } from "./instance";
import { LocalDiskStorage } from "./local-disk";

const database = useTestDatabase();
let root: string;
let store: LocalDiskStorage;

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "conveyor-files-"));
  store = new LocalDiskStorage(root);
  setStorage(store);
  await database().prisma.workspace.createMany({
    data: [
      { id: "wsa", name: "A", slug: "a" },
      { id: "wsb", name: "B", slug: "b" },
    ],
  });
});
afterAll(async () => {
  setStorage(undefined);
  await fs.rm(root, { recursive: true, force: true });
});

const filesOnDisk = async () =>
  (await fs.readdir(root, { recursive: true, withFileTypes: true })).filter((d) => d.isFile()).length;

describe("stored files", () => {
  it("saves a stream, sniffs its type, sanitises the name and reads it back", async () => {
    const pdf = Buffer.from("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n");
    const file = await saveFile({
      workspaceId: "wsa",
      purpose: "input",
      filename: "../../Tax Form\u202e.pdf",
      source: Readable.from([pdf]),
    });
    expect(file).toMatchObject({ contentType: "application/pdf", filename: "Tax Form.pdf", size: BigInt(pdf.length) });
    expect(file.storageKey).toMatch(/^wsa\/input\/[0-9A-Z]{26}$/);
    const { stream } = await openFile("wsa", file.id);
    expect(await buffer(stream)).toEqual(pdf);
  });

  it("trusts an explicit type for files Conveyor produced, and ignores a malformed one", async () => {
    const a = await saveFile({ workspaceId: "wsa", purpose: "result", filename: "r.csv", contentType: "Text/CSV", source: Buffer.from("x") });
    expect(a.contentType).toBe("text/csv");
    const b = await saveFile({ workspaceId: "wsa", purpose: "result", filename: "r", contentType: "evil\r\nx: y", source: Buffer.from("plain") });
    expect(b.contentType).toBe("text/plain");
  });

  it("refuses oversize files (413) and leaves neither bytes nor a row", async () => {
    const before = await filesOnDisk();
    const rows = await database().prisma.storedFile.count();
    await expect(
      saveFile({ workspaceId: "wsa", purpose: "input", filename: "big.bin", source: Buffer.alloc(2048), maxBytes: 1024 }),
    ).rejects.toMatchObject({ status: 413, type: "PayloadTooLargeError" });
    expect(await filesOnDisk()).toBe(before);
    expect(await database().prisma.storedFile.count()).toBe(rows);
  });

  it("hides another workspace's file (404) and deletes bytes with the row", async () => {
    const file = await saveFile({ workspaceId: "wsa", purpose: "input", filename: "a.txt", source: Buffer.from("secret") });
    await expect(openFile("wsb", file.id)).rejects.toMatchObject({ status: 404 });
    await expect(deleteFile("wsb", file.id)).rejects.toMatchObject({ status: 404 });
    expect(await store.exists(file.storageKey)).toBe(true);
    await deleteFile("wsa", file.id);
    expect(await store.exists(file.storageKey)).toBe(false);
    await expect(getFile("wsa", file.id)).rejects.toMatchObject({ status: 404 });
  });

  it("builds download headers that cannot be sniffed or cached", async () => {
    const file = await saveFile({ workspaceId: "wsa", purpose: "result", filename: "Résumé.pdf", contentType: "application/pdf", source: Buffer.from("%PDF-1.4") });
    const { body, headers } = downloadParts(file, await store.get(file.storageKey));
    expect(headers).toMatchObject({
      "content-type": "application/pdf",
      "content-length": "8",
      "x-content-type-options": "nosniff",
      "content-disposition": `attachment; filename="R_sum_.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9.pdf`,
      "cache-control": "private, no-store",
    });
    expect(Buffer.from(await new Response(body).arrayBuffer()).toString()).toBe("%PDF-1.4");
  });

  it("records bytes written with put directly, only under the workspace's own keys", async () => {
    const key = newStorageKey("wsa", "input");
    const put = await store.put(key, Buffer.from("%PDF-1.4 direct"));
    const file = await recordStoredFile({ workspaceId: "wsa", purpose: "input", filename: "d.pdf", storageKey: key, contentType: "application/pdf", ...put });
    expect(file).toMatchObject({ storageKey: key, size: BigInt(put.size), sha256: put.sha256 });
    expect(await buffer((await openFile("wsa", file.id)).stream)).toEqual(Buffer.from("%PDF-1.4 direct"));
    await expect(
      recordStoredFile({ workspaceId: "wsb", purpose: "input", filename: "x", storageKey: key, contentType: "application/pdf", ...put }),
    ).rejects.toThrow(/workspace's folder/);
  });
});
