import { AppShell } from "@/app/_components/shell/app-shell";
import { SignInRedirect } from "@/app/_components/shell/sign-in-redirect";
import { ToastProvider } from "@/app/_components/ui/toast";
import { getPageAuth } from "@/lib/auth/page-auth";
import { navForMembers } from "@/lib/pipelines/define";
import { PIPELINES } from "@/lib/pipelines/registry";
import { listWorkspaces } from "@/lib/workspaces/workspaces";

/**
 * The signed-in frame. Every page checks auth itself with requirePageAuth (layouts and pages
 * render in parallel, so a layout alone never guards a page, and only the page knows its path for
 * the return trip); signed out, this layout renders none of the page.
 */
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const auth = await getPageAuth();
  if (!auth) return <SignInRedirect />;
  const workspaces = await listWorkspaces(auth);
  return (
    <ToastProvider>
      <AppShell
        user={{ name: auth.user.name, email: auth.user.email }}
        role={auth.role}
        operator={auth.user.isOperator}
        workspace={{ id: auth.workspace.id, name: auth.workspace.name }}
        workspaces={workspaces.map((w) => ({ id: w.id, name: w.name, role: w.role }))}
        pipelineNav={PIPELINES.flatMap((p) => (p.nav ? [{ ...p.nav, operatorOnly: !navForMembers(p) }] : []))}
      >
        {children}
      </AppShell>
    </ToastProvider>
  );
}
