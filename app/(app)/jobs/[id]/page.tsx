import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeleteJobButton } from "@/app/_components/jobs/delete-job-button";
import { JobLivePanel } from "@/app/_components/jobs/job-live-panel";
import { humanize } from "@/app/_components/format";
import { ButtonLink } from "@/app/_components/ui/button";
import { PageHeader } from "@/app/_components/ui/page-header";
import { requirePageAuth } from "@/lib/auth/page-auth";
import { isAppError } from "@/lib/errors";
import { getJob, listJobEvents, toJobEventResponse, toJobResponse } from "@/lib/jobs";
import { errorExplanations, pipelineOf } from "@/lib/pipelines/registry";

export const metadata: Metadata = { title: "Job" };

async function load(workspaceId: string, id: string) {
  try {
    const [job, page] = await Promise.all([getJob(workspaceId, id), listJobEvents(workspaceId, id)]);
    return { job, page };
  } catch (error) {
    if (isAppError(error) && error.status === 404) notFound();
    throw error;
  }
}

export default async function JobPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const auth = await requirePageAuth(`/jobs/${encodeURIComponent(id)}`);
  const { job, page } = await load(auth.workspace.id, id);
  // How the job is shown comes from its pipeline's registry entry (title, links to its own view, error explanations).
  const pipeline = pipelineOf(job.kind);
  const actions = pipeline?.jobPage.actions ?? [];
  return (
    <>
      <PageHeader
        eyebrow={
          <nav aria-label="Breadcrumb">
            <Link href="/dashboard" className="text-indigo-700 hover:underline">
              Dashboard
            </Link>
            <span aria-hidden="true"> / </span>
            <span>Job</span>
          </nav>
        }
        title={`${pipeline?.title ?? humanize(job.kind)} job`}
        actions={
          <>
            {actions.map((action) => (
              <ButtonLink key={action.label} href={action.href.replace("{id}", encodeURIComponent(job.id))} variant="secondary">
                {action.label}
              </ButtonLink>
            ))}
            <DeleteJobButton jobId={job.id} />
          </>
        }
      />
      <JobLivePanel initialJob={toJobResponse(job)} initialEvents={page.events.map(toJobEventResponse)} initialHasMore={page.hasMore} explanations={errorExplanations(job.kind)} />
    </>
  );
}
