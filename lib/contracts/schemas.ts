import { z } from "zod";
import { CONTRACT_TYPES } from "./esi/schemas";

const booleanParam = z.enum(["true", "false"]).transform((v) => v === "true");

export const CONTRACT_SORTS = ["-date_issued", "date_issued", "price", "-price", "date_expired", "-date_expired"] as const;

export const listContractsQuerySchema = z.object({
  region_id: z.coerce.number().int().positive().optional(),
  type: z.enum(CONTRACT_TYPES).optional(),
  status: z.enum(["outstanding", "expired", "all"]).default("outstanding"),
  is_ship_contract: booleanParam.optional(),
  ship_type_id: z.coerce.number().int().positive().optional(),
  min_price: z.coerce.number().nonnegative().optional(),
  max_price: z.coerce.number().nonnegative().optional(),
  sort: z.enum(CONTRACT_SORTS).default("-date_issued"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type ListContractsQuery = z.output<typeof listContractsQuerySchema>;

export const contractSchema = z.object({
  contract_id: z.number().int(),
  region_id: z.number().int(),
  type: z.enum(CONTRACT_TYPES),
  price: z.number().nullable(),
  buyout: z.number().nullable(),
  reward: z.number().nullable(),
  collateral: z.number().nullable(),
  volume: z.number().nullable(),
  title: z.string().nullable(),
  date_issued: z.string(),
  date_expired: z.string(),
  start_location_id: z.number().int().nullable(),
  end_location_id: z.number().int().nullable(),
  is_ship_contract: z.boolean(),
  ship_type_id: z.number().int().nullable(),
  ship_name: z.string().nullable(),
  quantity: z.number().int().nullable(),
  is_blueprint_copy: z.boolean().nullable(),
  runs: z.number().int().nullable(),
  material_efficiency: z.number().int().nullable(),
  time_efficiency: z.number().int().nullable(),
  contains_additional_items: z.boolean(),
  status: z.enum(["outstanding", "expired"]),
});
export type ContractView = z.output<typeof contractSchema>;

export const contractListSchema = z.object({ items: z.array(contractSchema), next_cursor: z.string().nullable() });

export const contractItemViewSchema = z.object({
  record_id: z.number().int(),
  type_id: z.number().int(),
  type_name: z.string().nullable(),
  group_id: z.number().int().nullable(),
  group_name: z.string().nullable(),
  category_id: z.number().int().nullable(),
  quantity: z.number().int(),
  is_included: z.boolean(),
  is_blueprint_copy: z.boolean(),
  runs: z.number().int().nullable(),
  material_efficiency: z.number().int().nullable(),
  time_efficiency: z.number().int().nullable(),
});

export const contractDetailSchema = contractSchema.extend({
  issuer_id: z.number().int(),
  issuer_corporation_id: z.number().int(),
  for_corporation: z.boolean(),
  days_to_complete: z.number().int().nullable(),
  /** Null: not fetched yet (or the contract type has none). */
  items_fetched_at: z.string().nullable(),
  /** ESI answered 204: accepted or expired before its items were read. */
  items_gone: z.boolean(),
  items: z.array(contractItemViewSchema),
});

/** Any id that names no contract is a 404, whatever its shape (the handler looks numeric ones up). */
export const contractIdParamsSchema = z.object({ contract_id: z.string().min(1).max(100) });
export const runIdParamsSchema = z.object({ run_id: z.string().min(1).max(100) });

export const RUN_STATUSES = ["queued", "running", "succeeded", "partial", "failed", "skipped"] as const;

export const contractRunSchema = z.object({
  run_id: z.string(),
  status: z.enum(RUN_STATUSES),
  trigger: z.enum(["cron", "manual"]),
  created_at: z.string(),
  started_at: z.string().nullable(),
  ended_at: z.string().nullable(),
  duration_ms: z.number().int().nullable(),
  /** The stored run summary (regions, totals, errors); null until the run ends. */
  summary: z.record(z.string(), z.unknown()).nullable(),
});

export const contractRunListSchema = z.object({
  items: z.array(contractRunSchema),
  /** When the cron fires next (null when the aggregation is off). */
  next_run_at: z.string().nullable(),
  regions: z.array(z.number().int()),
  enabled: z.boolean(),
});

export const listRunsQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });
export const runAcceptedSchema = z.object({ run_id: z.string(), status: z.enum(RUN_STATUSES) });
