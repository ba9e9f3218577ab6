/**
 * Every area's API operations, for the OpenAPI document and the docs page. One line per area:
 * `export * as <area> from "@/lib/<area>/operations";` — every exported Operation is documented,
 * with its export name (minus "Operation") as its operationId.
 */
export * as jobs from "@/lib/jobs/operations";
export * as health from "@/lib/health/operations";
export * as metrics from "@/lib/metrics/operations";
export * as openapi from "@/lib/openapi/operations";
export * as auth from "@/lib/auth/operations";
export * as workspaces from "@/lib/workspaces/operations";
export * as runs from "@/lib/runs/operations";
export * as forms from "@/lib/forms/operations";
export * as logbook from "@/lib/logbook/operations";
export * as contracts from "@/lib/contracts/operations";
export * as relay from "@/lib/relay/operations";
export * as documents from "@/lib/documents/operations";
