import type { Metadata } from "next";
import { RecentJobs } from "@/app/_components/jobs/recent-jobs";
import { Alert } from "@/app/_components/ui/alert";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Card, PageHeader } from "@/app/_components/ui/page-header";
import { requirePageAuth } from "@/lib/auth/page-auth";
import { formsConfig } from "@/lib/forms";
import { DPI_RANGE, FORMS_JOB_KIND, type FormsJobInput } from "@/lib/forms/jobs";
import { isAppError } from "@/lib/errors";
import { errorExplanations } from "@/lib/pipelines/registry";
import { getJob, listJobEvents, listJobs, toJobEventResponse, toJobResponse } from "@/lib/jobs";
import { FormsJob } from "./_components/forms-job";
import { NewForm } from "./_components/new-form";
import type { FormsLimits } from "./_components/types";

export const metadata: Metadata = { title: "Forms" };

async function loadJob(workspaceId: string, id: string | undefined) {
  if (!id) return null;
  try {
    const job = await getJob(workspaceId, id);
    if (job.kind !== FORMS_JOB_KIND) return "missing" as const;
    const { events } = await listJobEvents(workspaceId, id, { limit: 1000 });
    return { job, events };
  } catch (error) {
    if (isAppError(error) && (error.status === 404 || error.status === 422)) return "missing" as const;
    throw error;
  }
}

export default async function FormsPage({ searchParams }: { searchParams: Promise<{ job?: string | string[] }> }) {
  const { job: param } = await searchParams;
  const jobId = typeof param === "string" ? param : undefined;
  const auth = await requirePageAuth(jobId ? `/forms?job=${encodeURIComponent(jobId)}` : "/forms");
  const config = formsConfig();
  const limits: FormsLimits = {
    maxBytes: config.maxBytes,
    maxPages: config.maxPages,
    dpi: config.dpi,
    dpiRange: DPI_RANGE,
    rasterDefault: config.rasterEnabled,
    retentionHours: Math.round(config.retentionMs / 3_600_000),
    explanations: errorExplanations(FORMS_JOB_KIND),
  };
  const [loaded, recent] = await Promise.all([loadJob(auth.workspace.id, jobId), listJobs(auth.workspace.id, { kind: FORMS_JOB_KIND, limit: 10 })]);
  return (
    <>
      <PageHeader title="Forms" description="Turn a flat PDF into a fillable one: text fields, checkboxes and signature fields, named from their labels." />
      <div className="space-y-6">
        {loaded && loaded !== "missing" ? (
          <FormsJob
            key={loaded.job.id}
            initialJob={toJobResponse(loaded.job)}
            initialEvents={loaded.events.map(toJobEventResponse)}
            filename={((loaded.job.input ?? {}) as Partial<FormsJobInput>).filename ?? "form.pdf"}
            limits={limits}
          />
        ) : (
          <>
            {loaded === "missing" ? <Alert tone="warning" title="Form job not found">It may have been deleted, or it belongs to another workspace. Upload a PDF to start a new one.</Alert> : null}
            <NewForm limits={limits} />
          </>
        )}
        <Card title="Recent forms" id="recent-forms">
          <RecentJobs
            key={jobId ?? "none"}
            initialJobs={recent.jobs.map(toJobResponse)}
            kind={FORMS_JOB_KIND}
            limit={10}
            caption="Recent forms jobs"
            empty={<EmptyState title="No forms yet" description="Forms you upload here or through POST /api/v1/forms appear here with their progress." />}
          />
        </Card>
      </div>
    </>
  );
}
