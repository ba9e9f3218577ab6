"use client";

import { useRouter } from "next/navigation";
import { api } from "../api";
import { ConfirmButton } from "../ui/confirm-button";
import { useToast } from "../ui/toast";

/** Deletes a job (and its files) after confirmation, then goes to `redirectTo`. */
export function DeleteJobButton({ jobId, redirectTo = "/dashboard" }: { jobId: string; redirectTo?: string }) {
  const router = useRouter();
  const toast = useToast();
  return (
    <ConfirmButton
      title="Delete this job?"
      description="The job, its timeline and its files (uploads and results) are deleted for good. A running job is stopped first."
      confirmLabel="Delete job"
      onConfirm={async () => {
        await api(`/api/v1/jobs/${encodeURIComponent(jobId)}`, { method: "DELETE" });
        toast({ title: "Job deleted" });
        router.push(redirectTo);
        router.refresh();
      }}
    >
      Delete
    </ConfirmButton>
  );
}
