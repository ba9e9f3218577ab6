import type { Metadata } from "next";
import { Alert } from "@/app/_components/ui/alert";
import { Card, PageHeader } from "@/app/_components/ui/page-header";
import { requirePageAuth } from "@/lib/auth/page-auth";
import { isAppError } from "@/lib/errors";
import { getJob, listJobEvents, toJobEventResponse, toJobResponse } from "@/lib/jobs";
import { errorExplanations } from "@/lib/pipelines/registry";
import { LOGBOOK_JOB_KIND } from "@/lib/logbook/jobs/types";
import type { LogbookJobInput } from "@/lib/logbook/jobs/types";
import { listSources, presentSource } from "@/lib/logbook/store/sources";
import { ConnectForm } from "./_components/connect-form";
import { LogbookData } from "./_components/logbook-data";
import { DisconnectButton } from "./_components/disconnect-button";
import { LogbookJob } from "./_components/logbook-job";

export const metadata: Metadata = { title: "Logbook" };

async function loadJob(workspaceId: string, id: string | undefined) {
  if (!id) return null;
  try {
    const job = await getJob(workspaceId, id);
    if (job.kind !== LOGBOOK_JOB_KIND) return "missing" as const;
    const { events } = await listJobEvents(workspaceId, id, { limit: 1000 });
    return { job, events };
  } catch (error) {
    if (isAppError(error) && (error.status === 404 || error.status === 422)) return "missing" as const;
    throw error;
  }
}

export default async function LogbookPage({ searchParams }: { searchParams: Promise<{ job?: string | string[] }> }) {
  const { job: param } = await searchParams;
  const jobId = typeof param === "string" ? param : undefined;
  const auth = await requirePageAuth(jobId ? `/logbook?job=${encodeURIComponent(jobId)}` : "/logbook");
  const [loaded, sources] = await Promise.all([loadJob(auth.workspace.id, jobId), listSources(auth.workspace.id)]);
  const input = loaded && loaded !== "missing" ? ((loaded.job.input ?? {}) as Partial<LogbookJobInput>) : null;
  return (
    <>
      <PageHeader title="Logbook" description="Connect Mountain Project or 8a.nu: your ticks are cleaned, exported as CSV and turned into a performance pyramid per discipline." />
      <div className="space-y-6">
        {loaded && loaded !== "missing" ? (
          <LogbookJob
            key={loaded.job.id}
            initialJob={toJobResponse(loaded.job)}
            initialEvents={loaded.events.map(toJobEventResponse)}
            title={input?.profile_url ?? (input?.username ? `8a.nu: ${input.username}` : "Logbook sync")}
            sourceId={input?.source_id ?? null}
            explanations={errorExplanations("logbook")}
          />
        ) : (
          <>
            {loaded === "missing" ? <Alert tone="warning" title="Sync not found">It may have been deleted, or it belongs to another workspace.</Alert> : null}
            <Card title="Connect a logbook">
              <ConnectForm />
            </Card>
            <Card title="Connected logbooks" id="sources">
              {sources.length === 0 ? (
                <p className="text-sm text-slate-600">None yet. Connecting the same profile again re-syncs it.</p>
              ) : (
                <ul className="divide-y divide-slate-100 text-sm" data-testid="logbook-sources">
                  {sources.map(presentSource).map((s) => {
                    const label = s.kind === "mountain_project" ? (s.profile_url ?? "Mountain Project") : `8a.nu: ${s.username}`;
                    return (
                      <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 py-2" data-source-id={s.id}>
                        <span>{label}</span>
                        <span className="flex items-center gap-3 text-slate-600">
                          {s.tick_count} ticks · {s.last_synced_at ? `synced ${s.last_synced_at.slice(0, 16).replace("T", " ")} UTC` : "never synced"}
                          <DisconnectButton sourceId={s.id} label={label} />
                        </span>
                      </li>
                    );
                  })}
                </ul>
              )}
            </Card>
            {sources.length > 0 ? <LogbookData /> : null}
          </>
        )}
      </div>
    </>
  );
}
