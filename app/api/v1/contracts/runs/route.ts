// GET /api/v1/contracts/runs – aggregation runs; POST – run now (operators)
import { inngest } from "@/inngest/client";
import { contractsRunRequested } from "@/inngest/events";
import { apiRoute } from "@/lib/api";
import { json } from "@/lib/http";
import { listContractRuns, requestContractRun } from "@/lib/contracts/read-runs";
import { listContractRunsOperation, startContractRunOperation } from "@/lib/contracts/operations";

export const GET = apiRoute(listContractRunsOperation, async ({ auth, query }) => listContractRuns(auth, query.limit));

export const POST = apiRoute(startContractRunOperation, async ({ auth }) => {
  const run = await requestContractRun(auth);
  await inngest.send(contractsRunRequested.create({ run_id: run.run_id }, { id: `contracts-run-${run.run_id}` }));
  return json(run, 202);
});
