// GET /api/v1/contracts – aggregated EVE public contracts (filters, sort, cursor)
import { apiRoute } from "@/lib/api";
import { listContracts } from "@/lib/contracts/list-contracts";
import { listContractsOperation } from "@/lib/contracts/operations";

export const GET = apiRoute(listContractsOperation, async ({ query }) => listContracts(query));
