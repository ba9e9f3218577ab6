import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.join(import.meta.dirname, "..");
const IMPORT = /(?:from|import\()\s*"@\/lib\/([a-z-]+)(\/[\w/.-]+)?"/g;
const isSource = (file: string) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file) && !file.split(path.sep).includes("testing") && path.basename(file) !== "testing.ts";

function sourcesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourcesUnder(full) : isSource(full) ? [full] : [];
  });
}

/**
 * The areas of lib/ and which import which. The registry (lib/pipelines/registry.ts) is its own
 * node: it is the composition point that reads every pipeline, while lib/pipelines/define.ts is
 * the platform type pipelines build on.
 */
function areaGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourcesUnder(path.join(ROOT, "lib"))) {
    const rel = path.relative(path.join(ROOT, "lib"), file).split(path.sep).join("/");
    const from = rel === "pipelines/registry.ts" ? "registry" : rel.split("/")[0];
    const edges = graph.get(from) ?? graph.set(from, new Set()).get(from)!;
    for (const m of fs.readFileSync(file, "utf8").matchAll(IMPORT)) {
      const to = m[1] === "pipelines" && m[2] === "/registry" ? "registry" : m[1];
      if (to !== from) edges.add(to);
    }
  }
  return graph;
}

function findCycle(graph: Map<string, Set<string>>): string[] | null {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === "done") return null;
    if (state.get(node) === "open") return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, "open");
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, "done");
    return null;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

describe("lib/ areas", () => {
  it("import each other in one direction only (no area cycles; file cycles are import/no-cycle's)", () => {
    expect(findCycle(areaGraph())).toBeNull();
  });

  it("finds a cycle when there is one (the check can fail)", () => {
    const graph = new Map([["auth", new Set(["http"])], ["http", new Set(["metrics"])], ["metrics", new Set(["auth"])]]);
    expect(findCycle(graph)).toEqual(["auth", "http", "metrics", "auth"]);
  });

  it("keeps the platform below the pipelines: only the registry and the catalog reach them", () => {
    const pipelines = new Set(["forms", "logbook", "relay", "contracts", "documents"]);
    const platform = [...areaGraph()].filter(([area]) => !pipelines.has(area) && area !== "registry");
    for (const [area, targets] of platform) for (const t of targets) expect(pipelines.has(t), `${area} -> ${t}`).toBe(false);
  });

  it("leaves stored-file rows to lib/storage", () => {
    const writes = /\.storedFile\.(create|createMany|update|updateMany|upsert|delete|deleteMany)\(/;
    const offenders = ["lib", "app", "inngest"].flatMap((dir) => sourcesUnder(path.join(ROOT, dir))).filter((file) => {
      const rel = path.relative(ROOT, file).split(path.sep).join("/");
      return !rel.startsWith("lib/storage/") && writes.test(fs.readFileSync(file, "utf8"));
    });
    expect(offenders.map((f) => path.relative(ROOT, f))).toEqual([]);
  });
});
