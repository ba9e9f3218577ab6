import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from "./private-modes";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { pipeline } from "node:stream/promises";
import { ulid } from "ulid";
import { appError, notFound } from "@/lib/errors";
import { assertValidKey, InvalidStorageKeyError } from "./keys";
import { HEAD_BYTES, type PutOptions, type PutResult, type PutSource, type Storage } from "./storage";

export const fileTooLarge = (limitBytes: number) =>
  appError("PayloadTooLargeError", `The file is larger than the limit of ${limitBytes} bytes`, {
    limit_bytes: limitBytes,
  });

export function toNodeReadable(source: PutSource): Readable {
  if (source instanceof Readable) return source;
  if (source instanceof Uint8Array) return Readable.from([Buffer.from(source.buffer, source.byteOffset, source.byteLength)]);
  return Readable.fromWeb(source as unknown as NodeReadableStream<Uint8Array>);
}

/**
 * Files on local disk under one root. Writes stream into `<root>/.tmp` and are renamed into place,
 * so a reader sees the whole file or none of it (both live on one filesystem, so rename is atomic).
 */
export class LocalDiskStorage implements Storage {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** The absolute path of a key; throws for any key that is not a plain relative path under root. */
  pathFor(key: string): string {
    assertValidKey(key);
    const full = path.resolve(this.root, key);
    if (!full.startsWith(this.root + path.sep)) throw new InvalidStorageKeyError(key);
    return full;
  }

  async put(key: string, source: PutSource, options: PutOptions = {}): Promise<PutResult> {
    const target = this.pathFor(key);
    const tmpDir = path.join(this.root, ".tmp");
    await Promise.all([
      fs.mkdir(path.dirname(target), { recursive: true, mode: PRIVATE_DIR_MODE }),
      fs.mkdir(tmpDir, { recursive: true, mode: PRIVATE_DIR_MODE }),
    ]);
    const tmp = path.join(tmpDir, `${ulid()}.part`);
    const hash = createHash("sha256");
    const headChunks: Buffer[] = [];
    let size = 0;
    let headSize = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        if (options.maxBytes !== undefined && size > options.maxBytes) return callback(fileTooLarge(options.maxBytes));
        hash.update(chunk);
        if (headSize < HEAD_BYTES) {
          headChunks.push(chunk.subarray(0, HEAD_BYTES - headSize));
          headSize += Math.min(chunk.length, HEAD_BYTES - headSize);
        }
        callback(null, chunk);
      },
    });
    // flush: fsync before close, so a crash after rename cannot leave an empty file behind.
    const out = createWriteStream(tmp, { flags: "wx", mode: PRIVATE_FILE_MODE, flush: true });
    try {
      await pipeline(toNodeReadable(source), meter, out);
      await fs.rename(tmp, target);
    } catch (error) {
      // A source that fails at once can fail the pipeline while the file is still being opened: it
      // is created after that, so it is removed only once the stream has closed (a refused upload
      // left its .part behind under load otherwise).
      if (!out.closed) await new Promise<void>((resolve) => out.once("close", () => resolve()));
      await fs.rm(tmp, { force: true });
      throw error;
    }
    return { size, sha256: hash.digest("hex"), head: Buffer.concat(headChunks) };
  }

  async get(key: string): Promise<Readable> {
    const full = this.pathFor(key);
    try {
      // Opening first turns a missing file into a clean NotFound, and keeps reading a file that
      // is deleted mid-download.
      const handle = await fs.open(full, "r");
      return handle.createReadStream({ autoClose: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") throw notFound("File");
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.pathFor(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await fs.stat(this.pathFor(key))).isFile();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
      throw error;
    }
  }
}
