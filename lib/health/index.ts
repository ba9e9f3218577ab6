export { checkHealth, type PipelineHealthCheck } from "./check-health";
export { healthSchema, type HealthReport } from "./schemas";
