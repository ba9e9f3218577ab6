import path from "node:path";
import { getEnv } from "@/lib/env";
import { LocalDiskStorage } from "./local-disk";
import type { Storage } from "./storage";

const KEY = Symbol.for("conveyor.storage");
type Holder = { [KEY]?: Storage };

/** The root of local file storage: STORAGE_DIR, or DATA_DIR/files. */
export function storageRoot(): string {
  const env = getEnv();
  return env.STORAGE_DIR ? path.resolve(env.STORAGE_DIR) : path.join(env.dataDir, "files");
}

/** The process's storage: local disk, unless a test installed another with `setStorage`. */
export function storage(): Storage {
  return (globalThis as Holder)[KEY] ?? new LocalDiskStorage(storageRoot());
}

/** Tests install a storage that fails, or a fresh root; `undefined` restores the default. */
export function setStorage(value: Storage | undefined): void {
  const g = globalThis as Holder;
  if (value) g[KEY] = value;
  else delete g[KEY];
}
