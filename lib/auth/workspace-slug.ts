import { randomBytes } from "node:crypto";

/** A readable, unique-enough workspace slug: "ada-lovelace-k3x9q2". */
export function workspaceSlug(name: string): string {
  const base =
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40)
      .replace(/-+$/, "") || "workspace";
  const suffix = [...randomBytes(6)].map((b) => "abcdefghijklmnopqrstuvwxyz0123456789"[b % 36]).join("");
  return `${base}-${suffix}`;
}
