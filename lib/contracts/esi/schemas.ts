import { z } from "zod";

/**
 * ESI response shapes (OpenAPI document, compatibility date 2025-08-26). ESI leaves false flags out
 * of its JSON, so an absent `for_corporation` / `is_blueprint_copy` is false, never null.
 */
export const CONTRACT_TYPES = ["item_exchange", "auction", "courier", "loan", "unknown"] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];

const id = z.number().int().positive();
const isoDate = z.iso.datetime({ offset: true });

export const publicContractSchema = z.object({
  contract_id: id,
  issuer_id: z.number().int(),
  issuer_corporation_id: z.number().int(),
  type: z.enum(CONTRACT_TYPES),
  date_issued: isoDate,
  date_expired: isoDate,
  title: z.string().optional(),
  price: z.number().nonnegative().optional(),
  buyout: z.number().nonnegative().optional(),
  reward: z.number().nonnegative().optional(),
  collateral: z.number().nonnegative().optional(),
  volume: z.number().nonnegative().optional(),
  days_to_complete: z.number().int().optional(),
  start_location_id: z.number().int().optional(),
  end_location_id: z.number().int().optional(),
  for_corporation: z.boolean().optional().default(false),
});
export type PublicContract = z.output<typeof publicContractSchema>;

export const contractItemSchema = z.object({
  record_id: id,
  type_id: id,
  quantity: z.number().int(),
  is_included: z.boolean(),
  item_id: z.number().int().optional(),
  is_blueprint_copy: z.boolean().optional().default(false),
  runs: z.number().int().optional(),
  material_efficiency: z.number().int().optional(),
  time_efficiency: z.number().int().optional(),
});
export type ContractItem = z.output<typeof contractItemSchema>;

export const typeSchema = z.object({
  type_id: id,
  name: z.string(),
  group_id: id,
  published: z.boolean(),
  description: z.string(),
});
export type EsiType = z.output<typeof typeSchema>;

export const groupSchema = z.object({
  group_id: id,
  name: z.string(),
  category_id: id,
  published: z.boolean(),
  types: z.array(z.number().int()),
});
export type EsiGroup = z.output<typeof groupSchema>;

export const categorySchema = z.object({
  category_id: id,
  name: z.string(),
  published: z.boolean(),
  groups: z.array(z.number().int()),
});
export type EsiCategory = z.output<typeof categorySchema>;

/** ESI's error body (`{error, details?}`). */
export const errorBodySchema = z.object({ error: z.string() }).loose();
