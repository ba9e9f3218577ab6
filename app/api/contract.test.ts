/**
 * The API's contract, checked for every operation in lib/openapi/catalog.ts (new areas are
 * covered as soon as they add their catalog line): credentials are required where documented,
 * every error has the one shape, members get 403 where the permissions table says so, and no
 * id of another workspace, of any kind, is answered differently from an id that does not exist.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { can, isPermission, type Permission } from "@/lib/auth/permissions";
import { apiRequest, createTestUser, type TestUser } from "@/lib/auth/testing";
import { useTestDatabase } from "@/lib/db/testing";
import { completeJob, createJob, startJob } from "@/lib/jobs";
import { LocalDiskStorage, saveFile, setStorage } from "@/lib/storage";
import { catalogEntries, errorShapeProblems, exampleBody, pathParams, urlFor, type CatalogEntry } from "./contract-support";

vi.mock("@/lib/jobs/emit", () => ({ emitJobCanceled: vi.fn(async () => {}) }));

/**
 * Operations not held to the generic checks yet, with why and whose they are. Keep it empty:
 * an entry here is a known gap.
 */
const PENDING: Record<string, string> = {};

const database = useTestDatabase();
let entries: CatalogEntry[];
let operatorOnly: CatalogEntry[];
let a: TestUser;
let aMember: TestUser;
let b: TestUser;
/** One id of every kind workspace B owns. */
let foreign: Record<string, string>;
let root: string;

beforeAll(async () => {
  const os = await import("node:os");
  const fs = await import("node:fs/promises");
  const path = await import("node:path");
  root = await fs.mkdtemp(path.join(os.tmpdir(), "conveyor-contract-"));
  setStorage(new LocalDiskStorage(root));
  const all = (await catalogEntries()).filter((e) => !PENDING[e.label]);
  // Instance-level operations (operators only) hold no workspace's data: they have their own test below.
  operatorOnly = all.filter((e) => e.op.operators);
  entries = all.filter((e) => !e.op.operators);
  a = await createTestUser();
  aMember = await createTestUser({ role: "member", workspace: a.workspace });
  b = await createTestUser();
  const bMember = await createTestUser({ role: "member", workspace: b.workspace });
  const job = await createJob({ workspaceId: b.workspace.id, createdById: b.user.id, kind: "contract" });
  const file = await saveFile({ workspaceId: b.workspace.id, jobId: job.id, purpose: "result", filename: "r.txt", source: Buffer.from("b's result") });
  await startJob(job.id, { stage: "s" });
  await completeJob(job.id, { resultFileId: file.id });
  const invitation = await database().prisma.invitation.create({ data: { workspaceId: b.workspace.id, email: "invited-b@example.com" } });
  foreign = {
    job: job.id,
    file: file.id,
    workspace: b.workspace.id,
    owner: b.user.id,
    member: bMember.user.id,
    apiKey: b.apiKeyId,
    invitation: invitation.id,
  };
});
afterAll(async () => {
  setStorage(undefined);
  await (await import("node:fs/promises")).rm(root, { recursive: true, force: true });
});

function call(entry: CatalogEntry, params: Record<string, string>, init: { as?: TestUser; via?: "session" | "api_key"; headers?: Record<string, string> } = {}) {
  const body = exampleBody(entry.op);
  const req = apiRequest(urlFor(entry.op, params).replace("http://localhost", ""), {
    method: entry.op.method,
    body,
    as: init.as,
    via: init.via,
    headers: init.headers,
  });
  return entry.handler(req, { params: Promise.resolve(params) });
}

const allParams = (entry: CatalogEntry, id: string) => pathParams(entry.op, id);

describe("every operation in the catalog", () => {
  it("is found, with its route handler", () => {
    expect(entries.length).toBeGreaterThanOrEqual(15);
    expect(entries.map((e) => e.label)).toEqual(expect.arrayContaining(["GET /api/v1/jobs/{id}", "DELETE /api/v1/api-keys/{id}"]));
  });

  it("that needs credentials answers 401 in the error shape without them, and with a revoked or made-up key", async () => {
    const guarded = entries.filter((e) => (e.op.auth ?? "required") === "required");
    expect(guarded.length).toBeGreaterThan(10);
    for (const entry of guarded) {
      const attempts: Record<string, string>[] = [{}, { "x-api-key": "cvk_madeupmadeupmadeupmadeupmadeupmadeupmadeup0" }, { authorization: "Bearer cvk_nope" }, { cookie: "next-auth.session-token=forged" }];
      for (const headers of attempts) {
        const res = await call(entry, allParams(entry, foreign.job), { headers });
        expect(res.status, `${entry.label} ${JSON.stringify(headers)}`).toBe(401);
        expect(await errorShapeProblems(res), entry.label).toEqual([]);
        expect((await res.json()).error.type).toBe("UnauthorizedError");
      }
    }
  });

  it("that the permissions table keeps from members answers them 403 in the error shape", async () => {
    for (const e of entries) if (e.op.permission) expect(isPermission(e.op.permission), `${e.label}: ${e.op.permission}`).toBe(true);
    const ownerOnly = entries.filter((e) => e.op.permission && !can({ role: "member", via: "session" }, e.op.permission as Permission));
    expect(ownerOnly.length).toBeGreaterThanOrEqual(3);
    for (const entry of ownerOnly) {
      for (const via of ["session", "api_key"] as const) {
        const res = await call(entry, allParams(entry, "cunknown0000000000000000"), { as: aMember, via });
        expect(res.status, `${entry.label} as a member via ${via}`).toBe(403);
        expect(await errorShapeProblems(res), entry.label).toEqual([]);
      }
    }
  });

  it("treats any id of another workspace exactly like an id that does not exist (404, nothing revealed)", { timeout: 120_000 }, async () => {
    const withIds = entries.filter((e) => e.pathParams.length > 0 && (e.op.auth ?? "required") !== "none");
    expect(withIds.length).toBeGreaterThanOrEqual(8);
    const secrets = [b.workspace.name, b.workspace.slug, b.user.email, "invited-b@example.com"];
    for (const entry of withIds) {
      for (const via of ["session", "api_key"] as const) {
        const unknown = await call(entry, allParams(entry, "cunknown0000000000000000"), { as: a, via });
        const expected = { status: unknown.status, type: (await unknown.json()).error?.type };
        expect(expected.status, `${entry.label} via ${via}: an unknown id`).toBeGreaterThanOrEqual(400);
        for (const [kind, id] of Object.entries(foreign)) {
          const res = await call(entry, allParams(entry, id), { as: a, via });
          const label = `${entry.label} via ${via} with B's ${kind} id`;
          expect(await errorShapeProblems(res), label).toEqual([]);
          const text = await res.text();
          expect({ status: res.status, type: JSON.parse(text).error.type }, label).toEqual(expected);
          for (const secret of secrets) expect(text, label).not.toContain(secret);
        }
        // A session acting in its own workspace gets the plain 404.
        if (via === "session") expect(expected, `${entry.label}: unknown id via session`).toEqual({ status: 404, type: "NotFoundError" });
      }
    }
    // Workspace B is untouched by all of the above.
    const { prisma } = database();
    expect(await prisma.job.count({ where: { id: foreign.job } })).toBe(1);
    expect(await prisma.storedFile.count({ where: { id: foreign.file } })).toBe(1);
    expect(await prisma.apiKey.count({ where: { id: foreign.apiKey } })).toBe(1);
    expect(await prisma.invitation.count({ where: { id: foreign.invitation } })).toBe(1);
    expect(await prisma.membership.count({ where: { workspaceId: b.workspace.id } })).toBe(2);
    expect((await prisma.workspace.findUniqueOrThrow({ where: { id: b.workspace.id } })).name).toBe(b.workspace.name);
  });

  it("never lists another workspace's data", async () => {
    const lists = entries.filter((e) => e.op.method === "GET" && e.pathParams.length === 0 && (e.op.auth ?? "required") === "required");
    expect(lists.length).toBeGreaterThanOrEqual(4);
    for (const entry of lists) {
      for (const via of ["session", "api_key"] as const) {
        const res = await call(entry, {}, { as: a, via });
        expect(res.status, `${entry.label} via ${via}`).toBe(200);
        const text = await res.text();
        for (const id of Object.values(foreign)) expect(text, `${entry.label} via ${via}`).not.toContain(id);
      }
    }
  });

  it("that belongs to instance operators answers workspace owners 403 in the error shape, and lets operators in", async () => {
    const operator = await createTestUser({ isOperator: true });
    for (const entry of operatorOnly) {
      for (const via of ["session", "api_key"] as const) {
        const res = await call(entry, allParams(entry, "cunknown0000000000000000"), { as: a, via });
        expect(res.status, `${entry.label} as a workspace owner via ${via}`).toBe(403);
        expect(await errorShapeProblems(res), entry.label).toEqual([]);
        const allowed = await call(entry, allParams(entry, "cunknown0000000000000000"), { as: operator, via });
        expect(allowed.status, `${entry.label} as an operator via ${via}`).not.toBe(403);
        expect(allowed.status, `${entry.label} as an operator via ${via}`).toBeLessThan(500);
      }
    }
  });
});
