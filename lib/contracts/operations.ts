import { defineOperation } from "@/lib/http/operation";
import {
  contractDetailSchema,
  contractIdParamsSchema,
  contractListSchema,
  contractRunListSchema,
  contractRunSchema,
  listContractsQuerySchema,
  listRunsQuerySchema,
  runAcceptedSchema,
  runIdParamsSchema,
} from "./schemas";

const OPERATORS = "Instance operators only (OPERATOR_EMAILS): the aggregation belongs to no workspace.";

export const listContractsOperation = defineOperation({
  method: "GET",
  path: "/api/v1/contracts",
  summary: "List EVE public contracts",
  description:
    "Aggregated public contracts of the configured regions. Filters: region, type, ships only, ship type, price " +
    "range, status (default outstanding). Sorted by `sort` (`-date_issued` default; `price`, `-price`, `date_expired`...), " +
    "cursor-paginated. Any signed-in user.",
  tags: ["Contracts"],
  query: listContractsQuerySchema,
  responses: { 200: { description: "A page of contracts", schema: contractListSchema }, 400: { description: "Bad cursor" } },
});

export const getContractOperation = defineOperation({
  method: "GET",
  path: "/api/v1/contracts/{contract_id}",
  summary: "Get a contract with its items",
  description: "One contract with its items, their type names and groups. Any signed-in user.",
  tags: ["Contracts"],
  params: contractIdParamsSchema,
  responses: { 200: { description: "The contract", schema: contractDetailSchema }, 404: { description: "No such contract" } },
});

export const startContractRunOperation = defineOperation({
  operators: true,
  method: "POST",
  path: "/api/v1/contracts/runs",
  summary: "Run the contracts aggregation now",
  description: `Queues a run of every configured region. ${OPERATORS}`,
  tags: ["Contracts"],
  responses: {
    202: { description: "The queued run", schema: runAcceptedSchema },
    403: { description: "Not an operator" },
    409: { description: "A run is already in progress" },
  },
});

export const listContractRunsOperation = defineOperation({
  operators: true,
  method: "GET",
  path: "/api/v1/contracts/runs",
  summary: "List contracts aggregation runs",
  description: `Newest first, with each run's summary, and when the next scheduled run is due. ${OPERATORS}`,
  tags: ["Contracts"],
  query: listRunsQuerySchema,
  responses: { 200: { description: "Runs", schema: contractRunListSchema }, 403: { description: "Not an operator" } },
});

export const getContractRunOperation = defineOperation({
  operators: true,
  method: "GET",
  path: "/api/v1/contracts/runs/{run_id}",
  summary: "Get a contracts aggregation run",
  description: `One run with its summary (per region outcome and counts, totals, errors). ${OPERATORS}`,
  tags: ["Contracts"],
  params: runIdParamsSchema,
  responses: {
    200: { description: "The run", schema: contractRunSchema },
    403: { description: "Not an operator" },
    404: { description: "No such run" },
  },
});
