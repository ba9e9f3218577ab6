export { connectLogbook } from "./connect-logbook";
export { fetchMpStage, fetchEightAPageStage, endEightASession } from "./fetch-stage";
export { cleanStage, exportStage, analyzeStage, saveStage, type RawInput } from "./process-stages";
export { failLogbookJob, isPermanentLogbookFailure, logbookJobFailure } from "./failure";
export { LOGBOOK_JOB_KIND, LOGBOOK_STAGES, type LogbookJobRef } from "./types";
