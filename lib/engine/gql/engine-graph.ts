import { getDatabase } from "@/lib/db";
import { conflict } from "@/lib/errors";
import { engineMode } from "../mode";
import { executeGql, type GqlRequest } from "./execute";

/**
 * The engine's GraphQL read API (Inngest's dev-server `/v0/gql` subset) for the app's operators:
 * embedded mode only, since with Inngest configured the runs are Inngest's (use its dashboard).
 */
export async function queryEngineGraph(body: GqlRequest, scope: { workspaceId?: string } = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  if (engineMode() !== "embedded") throw conflict("runs are executed by Inngest (external mode); use Inngest's dashboard");
  const { sql } = await getDatabase();
  return executeGql({ sql, workspaceId: scope.workspaceId }, body);
}
