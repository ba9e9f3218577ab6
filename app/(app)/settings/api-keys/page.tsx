import type { Metadata } from "next";
import { ApiKeysManager } from "@/app/_components/settings/api-keys-manager";
import { PageHeader } from "@/app/_components/ui/page-header";
import { apiKeyJson, listApiKeys } from "@/lib/auth/api-keys";
import { requirePageAuth } from "@/lib/auth/page-auth";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const auth = await requirePageAuth("/settings/api-keys");
  const keys = await listApiKeys(auth);
  return (
    <>
      <PageHeader
        title="API keys"
        description={
          <>
            Keys let scripts and servers call the Conveyor API as you, in {auth.workspace.name}. Send one as{" "}
            <code className="font-mono text-xs">Authorization: Bearer &lt;key&gt;</code>.
          </>
        }
      />
      <ApiKeysManager initialKeys={keys.map(apiKeyJson)} showCreator={auth.role === "owner"} />
    </>
  );
}
