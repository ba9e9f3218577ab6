import { readJson, workPaths } from "../files";
import type { FieldsFile } from "./fields-file";

/** The detected fields and page facts, for a page that draws fields over the previews; undefined before detection. */
export function readFieldsFile(workDir: string): Promise<FieldsFile | undefined> {
  return readJson<FieldsFile>(workPaths(workDir).fields);
}
