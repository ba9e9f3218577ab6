import type { Metadata } from "next";
import { Alert } from "@/app/_components/ui/alert";
import { PageHeader } from "@/app/_components/ui/page-header";
import { requirePageAuth } from "@/lib/auth/page-auth";
import { getEnv } from "@/lib/env";
import { listRelayJobs, relayEnabled, relayMode } from "@/lib/relay";
import { RelayPanel } from "./_components/relay-panel";

export const metadata: Metadata = { title: "Notion relay" };

const DESCRIPTIONS = {
  n8n: "Send a photo of a receipt, a note or a whiteboard to a Notion database, through your n8n workflow.",
  notion: "Send a photo of a receipt, a note or a whiteboard to a Notion database; Conveyor creates the page itself.",
} as const;

function ModeNote({ mode }: { mode: "n8n" | "notion" }) {
  return (
    <p className="mb-4 text-sm text-zinc-600" data-testid="relay-mode" data-mode={mode}>
      Mode: <strong>{mode === "notion" ? "direct to Notion" : "through n8n"}</strong> (<code>RELAY_MODE={mode}</code>).{" "}
      {mode === "notion"
        ? "Each job uploads the image with Notion's API and creates the page; no workflow is involved."
        : "Each job hands the image to your n8n workflow, which creates the page and calls back, signed."}
    </p>
  );
}

/** How to turn each mode on: the settings it needs and where they come from. */
function SetupHelp({ mode }: { mode: "n8n" | "notion" }) {
  return (
    <>
      <Alert tone="info" title={`The relay is off (RELAY_MODE=${mode})`}>
        <p>Pick one of the two ways, set its settings and restart Conveyor.</p>
      </Alert>
      <section className="mt-4 space-y-2" aria-labelledby="relay-setup-notion">
        <h2 id="relay-setup-notion" className="font-semibold">Direct to Notion (no n8n)</h2>
        <ol className="list-decimal space-y-1 pl-5 text-sm">
          <li>Create an internal integration at notion.so/profile/integrations and copy its secret (<code>ntn_…</code>).</li>
          <li>In Notion, open the database and share it with the integration (••• → Connections).</li>
          <li>Set <code>RELAY_MODE=notion</code> and <code>NOTION_TOKEN</code> to the secret (kept out of logs and the database).</li>
          <li>Optionally set <code>RELAY_NOTION_DATABASE_ID</code>, the database pages go to.</li>
        </ol>
      </section>
      <section className="mt-4 space-y-2" aria-labelledby="relay-setup-n8n">
        <h2 id="relay-setup-n8n" className="font-semibold">Through an n8n workflow</h2>
        <ol className="list-decimal space-y-1 pl-5 text-sm">
          <li>Import <code>integrations/n8n/notion-relay.json</code> into n8n, give it your Notion credentials and activate it (see <code>integrations/n8n/README.md</code>).</li>
          <li>Set <code>RELAY_N8N_WEBHOOK_URL</code> to the workflow&apos;s production webhook URL (…/webhook/conveyor-notion-relay).</li>
          <li>Set <code>RELAY_SIGNING_SECRET</code> (at least 32 characters, e.g. <code>openssl rand -hex 32</code>) here and as the workflow&apos;s <code>CONVEYOR_SIGNING_SECRET</code> variable.</li>
          <li>Optionally set <code>RELAY_NOTION_DATABASE_ID</code>, the database pages go to.</li>
        </ol>
      </section>
    </>
  );
}

export default async function RelayPage() {
  const auth = await requirePageAuth("/relay");
  const mode = relayMode();
  const description = DESCRIPTIONS[mode];
  if (!relayEnabled()) {
    return (
      <>
        <PageHeader title="Notion relay" description={description} />
        <SetupHelp mode={mode} />
      </>
    );
  }
  const env = getEnv();
  const recent = await listRelayJobs(auth.workspace.id, { limit: 10 });
  return (
    <>
      <PageHeader title="Notion relay" description={description} />
      <ModeNote mode={mode} />
      <RelayPanel initialJobs={recent.items} maxBytes={env.RELAY_MAX_BYTES} defaultDatabaseId={env.RELAY_NOTION_DATABASE_ID ?? null} mode={mode} />
    </>
  );
}
