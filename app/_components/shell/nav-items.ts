import type { Permission } from "@/lib/auth/permissions";
import type { IconName } from "./icons";

export type NavItem = {
  href: string;
  label: string;
  icon: IconName;
  /** Shown only to roles with this permission (lib/auth/permissions). */
  permission?: Permission;
  section: "main" | "settings" | "resources";
};

/**
 * The signed-in navigation. A pipeline adds its page with one line in the "main" section, e.g.
 *   { href: "/forms", label: "Forms", icon: "form", section: "main" },
 * The operators' runs page adds, when it exists:
 *   { href: "/runs", label: "Runs", icon: "runs", permission: "runs.read", section: "main" },
 */
export const NAV_ITEMS: NavItem[] = [
  { href: "/dashboard", label: "Dashboard", icon: "dashboard", section: "main" },
  { href: "/forms", label: "Forms", icon: "form", section: "main" },
  { href: "/logbook", label: "Logbook", icon: "form", section: "main" },
  { href: "/contracts", label: "Contracts", icon: "runs", section: "main" },
  { href: "/relay", label: "Notion relay", icon: "form", section: "main" },
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
