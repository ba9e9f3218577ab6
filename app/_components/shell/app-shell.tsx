"use client";

import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { can } from "@/lib/auth/permissions";
import type { Role } from "@/lib/auth/types";
import { api } from "../api";
import { ConfirmButton } from "../ui/confirm-button";
import { Icon } from "./icons";
import { isCurrent, navItems, NAV_SECTIONS, type PipelineNavItem } from "./nav-items";
import { WorkspaceSwitcher, type WorkspaceOption } from "./workspace-switcher";

type Props = {
  user: { name: string | null; email: string };
  role: Role;
  /** Instance operators see the runs of every workspace, whatever their role here. */
  operator?: boolean;
  workspace: WorkspaceOption;
  workspaces: WorkspaceOption[];
  /** The registered pipelines' pages (lib/pipelines/registry.ts), from the server. */
  pipelineNav: PipelineNavItem[];
  children: ReactNode;
};

function Brand() {
  return (
    <Link href="/dashboard" className="flex items-center gap-2 rounded-md px-2 text-white">
      <span className="grid size-8 place-items-center rounded-md bg-indigo-500 font-bold" aria-hidden="true">
        C
      </span>
      <span className="text-lg font-semibold tracking-tight">Conveyor</span>
    </Link>
  );
}

function Sidebar({ user, role, operator, workspace, workspaces, pipelineNav, pathname }: Omit<Props, "children"> & { pathname: string }) {
  const items = navItems(pipelineNav, Boolean(operator)).filter((item) => !item.permission || can({ role, via: "session" }, item.permission) || (operator && item.permission === "runs.read"));
  const router = useRouter();
  // Ends every session of the account (copied cookies too); this browser's cookie is cleared too.
  const signOutEverywhere = async () => {
    await api("/api/v1/sessions", { method: "DELETE" });
    router.replace("/sign-in");
    router.refresh();
  };
  return (
    <div className="flex h-full flex-col gap-6 overflow-y-auto bg-slate-900 px-3 py-4">
      <Brand />
      <WorkspaceSwitcher current={workspace} workspaces={workspaces} />
      <nav aria-label="Main" className="flex-1 space-y-6">
        {NAV_SECTIONS.map((section) => {
          const own = items.filter((i) => i.section === section.id);
          if (own.length === 0) return null;
          return (
            <div key={section.id}>
              {section.label ? <p className="mb-1 px-2 text-xs font-medium tracking-wide text-slate-400 uppercase">{section.label}</p> : null}
              <ul className="space-y-1">
                {own.map((item) => {
                  const current = isCurrent(pathname, item.href);
                  return (
                    <li key={item.href}>
                      <Link
                        href={item.href}
                        aria-current={current ? "page" : undefined}
                        className={`flex items-center gap-3 rounded-md px-2 py-2 text-sm font-medium focus-visible:outline-indigo-300 ${current ? "bg-slate-800 text-white" : "text-slate-300 hover:bg-slate-800 hover:text-white"}`}
                      >
                        <Icon name={item.icon} />
                        {item.label}
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </div>
          );
        })}
      </nav>
      <div className="border-t border-slate-800 pt-4">
        <div className="px-2">
          <p className="truncate text-sm font-medium text-white" data-testid="user-email">
            {user.name || user.email}
          </p>
          <p className="truncate text-xs text-slate-400">
            {user.name ? `${user.email} · ` : ""}
            <span data-testid="user-role">{role === "owner" ? "Owner" : "Member"}</span>
          </p>
        </div>
        <button
          type="button"
          onClick={() => void signOut({ callbackUrl: "/sign-in" })}
          className="mt-3 flex w-full items-center gap-3 rounded-md px-2 py-2 text-sm font-medium text-slate-300 hover:bg-slate-800 hover:text-white focus-visible:outline-indigo-300"
        >
          <Icon name="logout" />
          Sign out
        </button>
        <ConfirmButton
          variant="sidebar"
          size="md"
          className="mt-1 w-full justify-start! gap-3 px-2"
          title="Sign out everywhere?"
          description="Every browser signed in to your account, this one included, is signed out at once. API keys keep working; revoke those on the API keys page."
          confirmLabel="Sign out everywhere"
          onConfirm={signOutEverywhere}
        >
          <Icon name="devices" />
          Sign out everywhere
        </ConfirmButton>
      </div>
    </div>
  );
}

/**
 * The signed-in frame: a fixed sidebar from the `lg` breakpoint, a top bar with a menu button and
 * a modal drawer below it (closes on Escape, on navigation and on the backdrop).
 */
export function AppShell({ children, ...props }: Props) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const drawer = useRef<HTMLDialogElement>(null);

  // Navigating closes the drawer.
  const [lastPath, setLastPath] = useState(pathname);
  if (lastPath !== pathname) {
    setLastPath(pathname);
    setOpen(false);
  }

  useEffect(() => {
    const d = drawer.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  return (
    <div className="min-h-screen lg:flex">
      <a href="#main" className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium text-slate-900 shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2">
        Skip to content
      </a>
      <aside className="hidden w-64 shrink-0 bg-slate-900 lg:block">
        <div className="sticky top-0 h-screen">
          <Sidebar {...props} pathname={pathname} />
        </div>
      </aside>
      <header className="sticky top-0 z-30 flex items-center gap-3 bg-slate-900 px-4 py-3 lg:hidden">
        <button
          ref={menuButton}
          type="button"
          onClick={() => setOpen(true)}
          aria-expanded={open}
          aria-controls="mobile-nav"
          className="-m-1 rounded-md p-1 text-slate-200 hover:text-white focus-visible:outline-indigo-300"
        >
          <span className="sr-only">Open navigation</span>
          <Icon name="menu" className="size-6" />
        </button>
        <Brand />
        <span className="ml-auto truncate text-sm text-slate-300">{props.workspace.name}</span>
      </header>
      <dialog
        id="mobile-nav"
        ref={drawer}
        aria-label="Navigation"
        onClose={() => setOpen(false)}
        onClick={(e) => e.target === e.currentTarget && setOpen(false)}
        className="m-0 h-full max-h-none w-72 max-w-[85vw] bg-transparent p-0 lg:hidden"
      >
        {open ? (
          <div className="relative h-full">
            <button
              type="button"
              onClick={() => setOpen(false)}
              className="absolute top-4 right-3 z-10 rounded-md p-1 text-slate-300 hover:text-white focus-visible:outline-indigo-300"
            >
              <span className="sr-only">Close navigation</span>
              <Icon name="close" className="size-6" />
            </button>
            <Sidebar {...props} pathname={pathname} />
          </div>
        ) : null}
      </dialog>
      <div className="min-w-0 flex-1">
        <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-6 focus:outline-none sm:px-6 lg:px-8 lg:py-10">
          {children}
        </main>
      </div>
    </div>
  );
}
