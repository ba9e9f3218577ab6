import { ulid } from "ulid";

// A segment starts with a letter or digit, so "." / ".." and hidden names are impossible.
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
const MAX_KEY_LENGTH = 512;

export class InvalidStorageKeyError extends Error {
  constructor(key: string) {
    super(`Invalid storage key ${JSON.stringify(key.slice(0, 80))}`);
    this.name = "InvalidStorageKeyError";
  }
}

/** Throws unless `key` is a relative path of safe segments (no traversal, no absolute paths). */
export function assertValidKey(key: string): void {
  if (typeof key !== "string" || key.length === 0 || key.length > MAX_KEY_LENGTH) throw new InvalidStorageKeyError(String(key));
  const segments = key.split("/");
  if (!segments.every((s) => SEGMENT.test(s) && !/\.\.|\.$/.test(s))) throw new InvalidStorageKeyError(key);
}

/**
 * A fresh key for a workspace's file: `<workspaceId>/<purpose>/<ULID>`. Grouping by workspace
 * keeps one tenant's files together (backups, deletion); the ULID sorts by creation time.
 */
export function newStorageKey(workspaceId: string, purpose: string): string {
  if (!SEGMENT.test(workspaceId)) throw new InvalidStorageKeyError(workspaceId);
  if (!/^[a-z][a-z0-9-]{0,31}$/.test(purpose)) throw new InvalidStorageKeyError(purpose);
  return `${workspaceId}/${purpose}/${ulid()}`;
}
