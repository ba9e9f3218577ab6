import type { Operation } from "@/lib/http/operation";
import { catalog } from "./catalog";

export type NamedOperation = { operationId: string; area: string; op: Operation };

function isOperation(value: unknown): value is Operation {
  const v = value as Partial<Operation> | null;
  return !!v && typeof v === "object" && typeof v.method === "string" && typeof v.path === "string" && typeof v.responses === "object";
}

/** Every operation in the catalog, named by its export (`listJobsOperation` -> `listJobs`). */
export function catalogOperations(source: Record<string, Readonly<Record<string, unknown>>> = catalog): NamedOperation[] {
  const out: NamedOperation[] = [];
  for (const [area, exports] of Object.entries(source)) {
    for (const [name, value] of Object.entries(exports)) {
      if (isOperation(value)) out.push({ operationId: name.replace(/Operation$/, ""), area, op: value });
    }
  }
  return out.sort((a, b) => a.op.path.localeCompare(b.op.path) || a.op.method.localeCompare(b.op.method));
}
