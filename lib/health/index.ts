export { checkHealth } from "./check-health";
export { healthSchema, type HealthReport } from "./schemas";
