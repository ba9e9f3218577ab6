import fs from "node:fs/promises";
import { readJson, workPaths } from "../files";
import type { FieldsFile } from "./fields-file";

/** Removes a job's working directory (evidence, previews, fields.json): on failure, or when retention ends. */
export async function removeFormsWork(workDir: string): Promise<void> {
  await fs.rm(workDir, { recursive: true, force: true });
}

/** The detected fields and page facts, for a page that draws fields over the previews; undefined before detection. */
export function readFieldsFile(workDir: string): Promise<FieldsFile | undefined> {
  return readJson<FieldsFile>(workPaths(workDir).fields);
}
