import { can } from "@/lib/auth/permissions";
import type { AuthContext } from "@/lib/auth/types";
import type { RunScope } from "@/lib/engine";
import { forbidden } from "@/lib/errors";

export type RunsViewer = {
  /** The engine scope: a workspace owner's own workspace, or everything for operators. */
  scope: RunScope;
  operator: boolean;
};

/**
 * Who may see or act on engine runs, and which ones. Instance operators (OPERATOR_EMAILS) see every
 * run, including other apps' runs that belong to no workspace, whatever their role in the active
 * workspace. Workspace owners see only runs whose trigger event named their workspace. Members
 * are refused (403): step outputs can hold any workspace member's data.
 */
export function runsViewer(auth: AuthContext, permission: "runs.read" | "runs.manage"): RunsViewer {
  if (auth.user.isOperator) return { scope: {}, operator: true };
  if (!can(auth, permission)) {
    throw forbidden(permission === "runs.read" ? "Only workspace owners can see runs" : "Only workspace owners can cancel or rerun runs");
  }
  return { scope: { workspaceId: auth.workspace.id }, operator: false };
}

/** Whether the signed-in person may open the runs page at all (nav entry, page guard). */
export function canSeeRuns(auth: AuthContext): boolean {
  return auth.user.isOperator || can(auth, "runs.read");
}
