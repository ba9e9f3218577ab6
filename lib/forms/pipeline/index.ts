export { formsConfig, defaultPool, type FormsConfig } from "./settings";
export { inspectPdf } from "./inspect";
export { validateStoredPdf } from "./validate-stage";
export { renderPages, type RenderPagesInput, type RenderSummary } from "./render-stage";
export { detectPageFields, pageFields, type DetectStageInput, type DetectSummary } from "./detect-stage";
export { writeFillablePdf, type WriteStageInput, type WriteSummary } from "./write-stage";
export { readFieldsFile } from "./cleanup";
export { runFormsPipeline, type FormsStage, type PipelineResult } from "./run-pipeline";
export type { FieldsFile } from "./fields-file";
