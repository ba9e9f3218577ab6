"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, errorMessage } from "@/app/_components/api";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";

/** Accepts the invitation, then opens the workspace (the API made it the active one). */
export function AcceptInvitation({ token, workspaceName }: { token: string; workspaceName: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const accept = async () => {
    setBusy(true);
    setError(null);
    try {
      await api("/api/v1/invitations/accept", { method: "POST", json: { token } });
      router.replace("/dashboard");
      router.refresh();
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  return (
    <div className="space-y-4">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Button className="w-full" onClick={() => void accept()} busy={busy}>
        Join {workspaceName}
      </Button>
    </div>
  );
}
