"use client";

import { useRouter } from "next/navigation";
import { api } from "@/app/_components/api";
import { ConfirmButton } from "@/app/_components/ui/confirm-button";
import { useToast } from "@/app/_components/ui/toast";

/** Disconnects one logbook: its ticks, pyramids and sync history go; the site's own data is untouched. */
export function DisconnectButton({ sourceId, label }: { sourceId: string; label: string }) {
  const router = useRouter();
  const toast = useToast();
  return (
    <ConfirmButton
      triggerLabel={`Disconnect ${label}`}
      title={`Disconnect ${label}?`}
      description="Its ticks and pyramids are deleted here. Nothing changes on the site itself, and you can connect it again later."
      confirmLabel="Disconnect"
      onConfirm={async () => {
        await api(`/api/v1/logbook/sources/${encodeURIComponent(sourceId)}`, { method: "DELETE" });
        toast({ title: `Disconnected ${label}` });
        router.refresh();
      }}
    >
      Disconnect
    </ConfirmButton>
  );
}
