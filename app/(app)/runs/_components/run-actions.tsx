"use client";

import { useRouter } from "next/navigation";
import { api } from "@/app/_components/api";
import { ConfirmButton } from "@/app/_components/ui/confirm-button";
import { useToast } from "@/app/_components/ui/toast";
import { isActiveRun, type RunSummaryView, type RunView } from "./types";

/** Cancel (active runs) and rerun, each behind a confirmation dialog. */
export function RunActions({ run, onChanged }: { run: RunView; onChanged: () => Promise<void> }) {
  const router = useRouter();
  const toast = useToast();
  const label = run.function_name ?? run.function_id;
  return (
    <>
      {isActiveRun(run.status) ? (
        <ConfirmButton
          title="Cancel this run?"
          description={
            <>
              <strong>{label}</strong> stops at once: a step in progress is abandoned and its result dropped, no further
              steps run, and its failure handler does not run. This cannot be undone, but you can rerun it.
            </>
          }
          confirmLabel="Cancel run"
          size="md"
          onConfirm={async () => {
            const res = await api<{ cancelled: boolean }>(`/api/v1/runs/${encodeURIComponent(run.id)}/cancel`, { method: "POST" });
            toast({ title: res.cancelled ? "Run canceled" : "The run was already canceled" });
            await onChanged();
          }}
        >
          Cancel run
        </ConfirmButton>
      ) : null}
      <ConfirmButton
        title="Rerun this run?"
        description={
          <>
            A new run of <strong>{label}</strong> starts with the same trigger event (<code className="font-mono">{run.event_name}</code>). Its
            steps run again: anything they do outside Conveyor (emails, payments, writes) happens again.
          </>
        }
        confirmLabel="Start rerun"
        tone="primary"
        variant="primary"
        size="md"
        onConfirm={async () => {
          const created = await api<RunSummaryView>(`/api/v1/runs/${encodeURIComponent(run.id)}/rerun`, { method: "POST" });
          toast({ title: "Rerun started", description: "Showing the new run." });
          router.push(`/runs/${encodeURIComponent(created.id)}`);
        }}
      >
        Rerun
      </ConfirmButton>
    </>
  );
}
