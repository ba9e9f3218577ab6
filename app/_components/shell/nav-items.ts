import type { Permission } from "@/lib/auth/permissions";
import { type IconName, isIconName } from "./icons";

export type NavItem = {
  href: string;
  label: string;
  icon: IconName;
  /** Shown only to roles with this permission (lib/auth/permissions). */
  permission?: Permission;
  section: "main" | "settings" | "resources";
};

/** A pipeline's page in the navigation, from its registry entry (computed on the server, passed to the shell). */
export type PipelineNavItem = { href: string; label: string; icon: string; operatorOnly: boolean };

/**
 * The signed-in navigation: the platform's pages, with each registered pipeline's page (its
 * registry entry's `nav`, see lib/pipelines/registry.ts) after the dashboard. Instance-level
 * pipelines' pages are shown to operators only.
 */
export function navItems(pipelines: readonly PipelineNavItem[], operator: boolean): NavItem[] {
  const own: NavItem[] = pipelines
    .filter((p) => operator || !p.operatorOnly)
    .map((p) => ({ href: p.href, label: p.label, icon: isIconName(p.icon) ? p.icon : "document", section: "main" }));
  return [NAV_ITEMS[0], ...own, ...NAV_ITEMS.slice(1)];
}

/** The platform's own pages. */
export const NAV_ITEMS: NavItem[] = [
  { href: "/dashboard", label: "Dashboard", icon: "dashboard", section: "main" },
  { href: "/runs", label: "Runs", icon: "runs", permission: "runs.read", section: "main" },
  { href: "/settings/api-keys", label: "API keys", icon: "key", section: "settings" },
  { href: "/settings/members", label: "Members", icon: "users", section: "settings" },
  { href: "/docs", label: "API reference", icon: "book", section: "resources" },
];

export const NAV_SECTIONS: { id: NavItem["section"]; label: string | null }[] = [
  { id: "main", label: null },
  { id: "settings", label: "Settings" },
  { id: "resources", label: "Resources" },
];

/** Whether `pathname` is `href` or below it (so /jobs/x keeps no item active, /settings/api-keys/y keeps its). */
export function isCurrent(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}
