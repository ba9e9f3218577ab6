export { runsViewer, canSeeRuns, type RunsViewer } from "./access";
export { listRunsFor, getRunFor } from "./read-runs";
export { cancelRunAs, rerunRunAs } from "./act-on-run";
export { listFunctionsFor } from "./list-functions";
export { toRunResponse, toRunSummaryResponse } from "./presenter";
export type { RunResponse, RunStepResponse, RunSummaryResponse, RunFunctionResponse } from "./schemas";
