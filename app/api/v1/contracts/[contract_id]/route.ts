// GET /api/v1/contracts/{contract_id} – one contract with its items
import { apiRoute } from "@/lib/api";
import { getContract } from "@/lib/contracts/get-contract";
import { getContractOperation } from "@/lib/contracts/operations";

export const GET = apiRoute(getContractOperation, async ({ params }) => getContract(params.contract_id));
