import type { Metadata } from "next";
import { Alert } from "@/app/_components/ui/alert";
import { PageHeader } from "@/app/_components/ui/page-header";
import { requirePageAuth } from "@/lib/auth/page-auth";
import { getEnv } from "@/lib/env";
import { listRelayJobs, relayEnabled } from "@/lib/relay";
import { RelayPanel } from "./_components/relay-panel";

export const metadata: Metadata = { title: "Notion relay" };

export default async function RelayPage() {
  const auth = await requirePageAuth("/relay");
  const description = "Send a photo of a receipt, a note or a whiteboard to a Notion database, through your n8n workflow.";
  if (!relayEnabled()) {
    return (
      <>
        <PageHeader title="Notion relay" description={description} />
        <Alert tone="info" title="The relay is off">
          <p>To turn it on:</p>
          <ol className="mt-2 list-decimal space-y-1 pl-5">
            <li>Import <code>integrations/n8n/notion-relay.json</code> into n8n, give it your Notion credentials and activate it (see <code>integrations/n8n/README.md</code>).</li>
            <li>Set <code>RELAY_N8N_WEBHOOK_URL</code> to the workflow&apos;s production webhook URL (…/webhook/conveyor-notion-relay).</li>
            <li>Set <code>RELAY_SIGNING_SECRET</code> (at least 32 characters, e.g. <code>openssl rand -hex 32</code>) here and as the workflow&apos;s <code>CONVEYOR_SIGNING_SECRET</code> variable.</li>
            <li>Optionally set <code>RELAY_NOTION_DATABASE_ID</code>, the database pages go to, and restart Conveyor.</li>
          </ol>
        </Alert>
      </>
    );
  }
  const env = getEnv();
  const recent = await listRelayJobs(auth.workspace.id, { limit: 10 });
  return (
    <>
      <PageHeader title="Notion relay" description={description} />
      <RelayPanel initialJobs={recent.items} maxBytes={env.RELAY_MAX_BYTES} defaultDatabaseId={env.RELAY_NOTION_DATABASE_ID ?? null} />
    </>
  );
}
