/**
 * The engine's public surface for the rest of the app. The runs page and its API use the read
 * models and operator actions; /api/health uses engineHealth. Everything else is internal.
 */
export { listRuns, RUN_STATUSES, type ListRunsQuery, type RunStatus, type RunSummary } from "./runs/list-runs";
export { getRun, type RunDetail, type StepDetail } from "./runs/get-run";
export { cancelRun, type RunScope } from "./runs/cancel-run";
export { rerunRun } from "./runs/rerun-run";
export { engineHealth, type EngineHealth } from "./health";
export { engineMode, type EngineMode } from "./mode";
export { queryEngineGraph } from "./gql/engine-graph";
