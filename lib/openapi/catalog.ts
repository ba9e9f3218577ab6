import * as auth from "@/lib/auth/operations";
import * as health from "@/lib/health/operations";
import * as jobs from "@/lib/jobs/operations";
import * as metrics from "@/lib/metrics/operations";
import * as openapi from "@/lib/openapi/operations";
import { PIPELINES } from "@/lib/pipelines/registry";
import * as runs from "@/lib/runs/operations";
import * as workspaces from "@/lib/workspaces/operations";

/**
 * Every area's API operations, for the OpenAPI document and the docs page: the platform's areas
 * here, each pipeline's from its registry entry (`operations`). Every exported Operation is
 * documented, with its export name (minus "Operation") as its operationId.
 */
export const catalog: Record<string, Readonly<Record<string, unknown>>> = {
  jobs,
  health,
  metrics,
  openapi,
  auth,
  workspaces,
  runs,
  ...Object.fromEntries(PIPELINES.map((p) => [p.kind, p.operations])),
};
