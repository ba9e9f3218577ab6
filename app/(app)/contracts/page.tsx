import type { Metadata } from "next";
import { Alert } from "@/app/_components/ui/alert";
import { PageHeader } from "@/app/_components/ui/page-header";
import { requirePageAuth } from "@/lib/auth/page-auth";
import { contractsConfig } from "@/lib/contracts/config";
import { ContractsBrowser } from "./_components/contracts-browser";
import { RunHistory } from "./_components/run-history";

export const metadata: Metadata = { title: "Contracts" };
export const dynamic = "force-dynamic";

export default async function ContractsPage() {
  const auth = await requirePageAuth("/contracts");
  const config = contractsConfig();
  return (
    <>
      <PageHeader
        title="Contracts"
        description="EVE Online public contracts of the configured regions, refreshed from ESI on a schedule."
      />
      {config.regionIds.length === 0 && (
        <Alert tone="info" title="The contracts aggregation is off">
          Set <code>CONTRACTS_REGION_IDS</code> to a comma list of region ids (for example <code>10000002</code> for The
          Forge) and restart the app; <code>CONTRACTS_CRON</code> sets the schedule (every 30 minutes by default). See
          docs/contracts.md.
        </Alert>
      )}
      <ContractsBrowser regions={config.regionIds} />
      {auth.user.isOperator && <RunHistory />}
    </>
  );
}
