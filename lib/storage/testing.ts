/**
 * A throwaway data directory for tests: DATA_DIR set, the given settings applied (undefined
 * removes one), local storage installed under it. Import in test files and test helpers only.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { resetEnvCache } from "@/lib/env";
import { setStorage } from "./instance";
import { LocalDiskStorage } from "./local-disk";

export type TestDataDir = { dataDir: string; storage: LocalDiskStorage; close(): void };

export function useTestDataDir(prefix: string, settings: Record<string, string | undefined> = {}): TestDataDir {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `conveyor-${prefix}-`));
  process.env.DATA_DIR = dataDir;
  for (const [name, value] of Object.entries(settings)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  delete process.env.STORAGE_DIR;
  resetEnvCache();
  const storage = new LocalDiskStorage(path.join(dataDir, "files"));
  setStorage(storage);
  return {
    dataDir,
    storage,
    close() {
      setStorage(undefined);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
