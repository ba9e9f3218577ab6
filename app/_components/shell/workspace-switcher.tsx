"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { api, errorMessage } from "../api";
import { useToast } from "../ui/toast";

export type WorkspaceOption = { id: string; name: string; role?: string };

/**
 * Switches the session's active workspace. A native select: keyboard and screen reader support
 * for free; with a single workspace it shows the name only.
 */
export function WorkspaceSwitcher({ current, workspaces }: { current: WorkspaceOption; workspaces: WorkspaceOption[] }) {
  const router = useRouter();
  const toast = useToast();
  const id = useId();
  const [busy, setBusy] = useState(false);

  const change = async (workspaceId: string) => {
    if (workspaceId === current.id) return;
    setBusy(true);
    try {
      await api(`/api/v1/workspaces/${encodeURIComponent(workspaceId)}/switch`, { method: "POST" });
      const name = workspaces.find((w) => w.id === workspaceId)?.name;
      toast({ title: `Switched to ${name ?? "workspace"}` });
      router.push("/dashboard");
      router.refresh();
    } catch (error) {
      toast({ tone: "error", title: "Could not switch workspace", description: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  if (workspaces.length <= 1) {
    return (
      <div className="px-2">
        <p className="text-xs font-medium tracking-wide text-slate-400 uppercase">Workspace</p>
        <p className="truncate text-sm font-medium text-white" data-testid="workspace-name">
          {current.name}
        </p>
      </div>
    );
  }
  return (
    <div className="px-2">
      <label htmlFor={id} className="text-xs font-medium tracking-wide text-slate-400 uppercase">
        Workspace
      </label>
      <select
        id={id}
        value={current.id}
        // Long names are cut by the select; the full one shows on hover.
        title={current.name}
        disabled={busy}
        onChange={(e) => void change(e.target.value)}
        className="mt-1 block w-full rounded-md border-0 bg-slate-800 py-1.5 pr-8 pl-2 text-sm font-medium text-white ring-1 ring-slate-700 ring-inset focus:ring-2 focus:ring-indigo-400 disabled:opacity-60"
      >
        {workspaces.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
          </option>
        ))}
      </select>
    </div>
  );
}
