import type { Readable } from "node:stream";

/** What a caller may hand to `put`: a Node stream, a web stream (a Request body) or bytes. */
export type PutSource = Readable | ReadableStream<Uint8Array> | Buffer | Uint8Array;

export type PutOptions = {
  /** Refuse the write (413) as soon as more than this many bytes arrive; nothing is kept. */
  maxBytes?: number;
};

export type PutResult = {
  size: number;
  /** Hex SHA-256 of the bytes written. */
  sha256: string;
  /** The first bytes written (up to 8 KiB), for content sniffing without a second read. */
  head: Buffer;
};

/**
 * Where file bytes live. Keys are generated (`newStorageKey`), never user input; implementations
 * still reject keys that could escape their root. A reader never sees a partially written file.
 */
export interface Storage {
  put(key: string, source: PutSource, options?: PutOptions): Promise<PutResult>;
  /** Opens the file for reading; throws NotFoundError when it does not exist. */
  get(key: string): Promise<Readable>;
  /** Removes the file; a missing file is not an error (deletes are retried). */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

export const HEAD_BYTES = 8 * 1024;
