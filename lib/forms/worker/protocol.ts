import type { ProcessPageOptions } from "../page/process-page";

/** The forms worker's own tasks (every PDF worker also answers `inspect`, see lib/pdf/worker/serve.ts). */
export type FormsTask =
  | { kind: "page"; inputPath: string; index: number; options: ProcessPageOptions }
  | { kind: "write"; inputPath: string; fieldsPath: string; outputPath: string };
