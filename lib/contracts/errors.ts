import { defineErrorTypes } from "@/lib/errors/codes";

/** How a run ends when it does not succeed (the run summary's `errors` list the ESI failures). */
export const contractsErrors = defineErrorTypes({
  EsiUnavailableError: { status: 502, explanation: "ESI kept failing or asked us to wait longer than the run may; the next scheduled run tries again." },
  LeaseLostError: { status: 409, explanation: "Another run took over the aggregation lock (this one stalled past CONTRACTS_LEASE_TTL), so this one stopped." },
});
