import { describe, expect, it } from "vitest";
import { navItems } from "@/app/_components/shell/nav-items";
import { SETTING_NAMES } from "@/lib/env";
import { platformErrors } from "@/lib/errors/codes";
import { jobKindSchema } from "@/lib/jobs/schemas";
import { catalogOperations } from "@/lib/openapi/collect";
import { navForMembers } from "@/lib/pipelines/define";
import { PIPELINES, errorExplanations, pipelineOf } from "@/lib/pipelines/registry";
import { functions, pipelineFunctions, platformFunctions } from "./index";

type Fn = { id: (prefix?: string) => string; opts: { triggers?: { event?: unknown }[] } };
const idOf = (fn: unknown) => (fn as Fn).id();
const eventsOf = (fn: unknown) => ((fn as Fn).opts.triggers ?? []).map((t) => (typeof t.event === "string" ? t.event : (t.event as { name?: string } | undefined)?.name));

/** The registry and what is served, documented and shown must agree: adding a pipeline is one registry line. */
describe("pipeline registry", () => {
  it("serves exactly the functions each pipeline declares, and the platform's own", () => {
    const served = functions.map(idOf);
    expect(new Set(served).size).toBe(served.length);
    const declared = PIPELINES.flatMap((p) => p.functions);
    expect(served.sort()).toEqual([...platformFunctions.map(idOf), ...declared].sort());
    for (const p of PIPELINES) expect(pipelineFunctions[p.kind].map(idOf).sort()).toEqual([...p.functions].sort());
    expect(platformFunctions.map(idOf).sort()).toEqual(["engine-self-test", "jobs-cleanup", "jobs-expire"].sort());
  });

  it("triggers its functions only on events it declares (or the platform's)", () => {
    for (const p of PIPELINES) {
      const own = new Set(Object.values(p.events).map((e) => e.name));
      for (const fn of pipelineFunctions[p.kind]) {
        for (const name of eventsOf(fn)) if (name) expect(own.has(name) || name.startsWith("jobs/") || name.startsWith("conveyor/"), `${idOf(fn)} on ${name}`).toBe(true);
      }
    }
  });

  it("documents every pipeline's operations under its kind", () => {
    const ops = catalogOperations();
    for (const p of PIPELINES) {
      const names = Object.entries(p.operations).filter(([, v]) => typeof v === "object" && v !== null && "path" in v).map(([k]) => k.replace(/Operation$/, ""));
      expect(names.length).toBeGreaterThan(0);
      expect(ops.filter((o) => o.area === p.kind).map((o) => o.operationId).sort()).toEqual(names.sort());
    }
  });

  it("composes every pipeline's settings and retention setting into lib/env", () => {
    for (const p of PIPELINES) {
      for (const name of Object.keys(p.settings)) expect(SETTING_NAMES).toContain(name);
      expect(Object.keys(p.settings)).toContain(p.retention.setting);
    }
  });

  it("has well-formed kinds, stages and error types", () => {
    const kinds = PIPELINES.map((p) => p.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    for (const p of PIPELINES) {
      expect(jobKindSchema.safeParse(p.kind).success).toBe(true);
      expect(pipelineOf(p.kind)).toBe(p);
      const names = p.stages.map((s) => s.name);
      expect(new Set(names).size).toBe(names.length);
      const total = p.stages.reduce((sum, s) => sum + s.share, 0);
      expect(total).toBeGreaterThan(0);
      expect(total).toBeLessThanOrEqual(1 + 1e-9);
      for (const [type, spec] of Object.entries(p.errors)) {
        expect(type).toMatch(/^[A-Z][A-Za-z]+Error$/);
        expect(spec.status).toBeGreaterThanOrEqual(400);
        // A type answers with one status whoever throws it.
        const shared = (platformErrors.table as Record<string, { status: number }>)[type];
        if (shared) expect(spec.status, type).toBe(shared.status);
        expect(errorExplanations(p.kind)[type]).not.toMatch(/\{\w+\}/);
      }
    }
  });

  it("puts each pipeline's page in the navigation (instance pipelines for operators only)", () => {
    for (const p of PIPELINES) {
      if (!p.nav) continue;
      const entry = { ...p.nav, operatorOnly: !navForMembers(p) };
      expect(navItems([entry], true).map((i) => i.href)).toContain(p.nav.href);
      expect(navItems([entry], false).map((i) => i.href).includes(p.nav.href)).toBe((p.nav.visibleTo ?? (p.scope === "workspace" ? "members" : "operators")) === "members");
    }
  });
});
