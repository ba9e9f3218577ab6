/**
 * Glue between the platform (jobs, storage) and the forms core: the upload that becomes a job,
 * one function per durable stage, failure and retention clean-up, and the read models of the
 * forms API. Inngest functions and route handlers call these; none of them knows about HTTP.
 */
export { acceptFormsUpload } from "./accept-upload";
export { receiveFormsUpload, type ReceivedUpload } from "./receive-upload";
export { formsOptionsSchema, DPI_RANGE, type FormsOptions, type FormsJobInput } from "./options";
export { FORMS_JOB_KIND, formsJobPaths, resultFilename, type FormsJobRef } from "./paths";
export { validateFormsJob, renderFormsJob, detectFormsJob, writeFormsJob, type FormsPlan, type FormsResult, type RenderStepSummary } from "./run-stages";
export { STAGE_SPAN, stageProgress } from "./progress";
export { failFormsJob, formsJobFailure, isPermanentFailure } from "./failure";
export { cleanUpStoppedFormsJob, removeFormsJobFolder, sweepFormsJobFolders } from "./cleanup";
export { getFormsFields, openFormsPreview } from "./present-fields";
export * from "./schemas";
export { editFormsFields, type Editor } from "./edit-fields";
export { rewriteFormsJob, restoreAfterFailedRewrite } from "./rewrite";
