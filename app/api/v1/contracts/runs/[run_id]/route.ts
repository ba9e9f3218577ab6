// GET /api/v1/contracts/runs/{run_id} – one aggregation run with its summary (operators)
import { apiRoute } from "@/lib/api";
import { getContractRun } from "@/lib/contracts/read-runs";
import { getContractRunOperation } from "@/lib/contracts/operations";

export const GET = apiRoute(getContractRunOperation, async ({ auth, params }) => getContractRun(auth, params.run_id));
