import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from "@/lib/storage/private-modes";
import { pageFileName } from "./page/evidence";

/**
 * Where a job's working files live under its work directory. Only small JSON and preview images:
 * the uploaded PDF and the result are wherever the caller keeps them.
 */
export const workPaths = (workDir: string) => ({
  evidence: (index: number) => path.join(workDir, "pages", `${pageFileName(index)}.json`),
  preview: (index: number) => path.join(workDir, "previews", `${pageFileName(index)}.jpg`),
  /** Relative to workDir, as recorded in evidence and summaries. */
  previewKey: (index: number) => `previews/${pageFileName(index)}.jpg`,
  fields: path.join(workDir, "fields.json"),
  /** An edited field list waiting for its rebuild; it replaces fields.json once the PDF is rebuilt from it. */
  edit: (revision: string) => path.join(workDir, "edits", `${revision}.json`),
});

/** Writes through a temporary file and a rename, so a reader (or a retry) never sees half a file. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE });
  const tmp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    await fs.writeFile(tmp, data, { mode: PRIVATE_FILE_MODE });
    await fs.rename(tmp, file);
  } catch (error) {
    await fs.rm(tmp, { force: true });
    throw error;
  }
}

export async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await fs.readFile(file, "utf8")) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT" || error instanceof SyntaxError) return undefined;
    throw error;
  }
}
