import type { Metadata } from "next";
import { RecentJobs } from "@/app/_components/jobs/recent-jobs";
import { ButtonLink } from "@/app/_components/ui/button";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Card, PageHeader } from "@/app/_components/ui/page-header";
import { Icon } from "@/app/_components/shell/icons";
import { requirePageAuth } from "@/lib/auth/page-auth";
import { listJobs, toJobResponse } from "@/lib/jobs";

export const metadata: Metadata = { title: "Dashboard" };

const RECENT = 20;

export default async function DashboardPage() {
  const auth = await requirePageAuth("/dashboard");
  const { jobs } = await listJobs(auth.workspace.id, { limit: RECENT });
  return (
    <>
      <PageHeader title="Dashboard" description={`Recent jobs in ${auth.workspace.name}. Running jobs update live.`} />
      <Card title="Recent jobs" id="recent-jobs">
        <RecentJobs
          initialJobs={jobs.map(toJobResponse)}
          limit={RECENT}
          empty={
            <EmptyState
              icon={<Icon name="inbox" className="size-10" />}
              title="No jobs yet"
              description="Jobs started from a pipeline page or through the API appear here, with their progress updating live."
              action={
                <ButtonLink href="/settings/api-keys" variant="secondary">
                  Create an API key
                </ButtonLink>
              }
            />
          }
        />
      </Card>
    </>
  );
}
