import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiRequest, createTestUser, type TestUser } from "@/lib/auth/testing";
import { useTestDatabase } from "@/lib/db/testing";
import { startHarness, until, type Harness } from "@/lib/engine/testing/harness";
import { POST } from "./route";

useTestDatabase();

let h: Harness;
let owner: TestUser;
let operator: TestUser;
let runId: string;

beforeAll(async () => {
  h = await startHarness({
    appId: "gql",
    functions: (inngest) => [
      inngest.createFunction({ id: "one", triggers: [{ event: "test/one" }] }, async ({ step }) => step.run("only", () => 42)),
    ],
  });
  owner = await createTestUser();
  operator = await createTestUser({ role: "member", isOperator: true });
  const { ids } = await h.send({ name: "test/one", data: { workspace_id: owner.workspace.id } });
  runId = await until(async () => (await h.sql.query<{ id: string }>(`SELECT id FROM engine_runs WHERE event_id = $1`, [ids[0]]))[0]?.id);
  await h.waitForRun(runId);
}, 60_000);

afterAll(async () => h?.close());

const query = (as: TestUser | undefined, body: unknown) => POST(apiRequest("/api/v1/engine/gql", { method: "POST", as, via: "api_key", body }));

describe("POST /api/v1/engine/gql", () => {
  it("answers operators with the engine's GraphQL read API", async () => {
    const res = await query(operator, { query: `query ($id: String!) { run(runID: $id) { status trace { childrenSpans { name stepType status } } } }`, variables: { id: runId } });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toEqual({
      data: {
        run: {
          status: "COMPLETED",
          trace: { childrenSpans: [{ name: "only", stepType: "RUN", status: "COMPLETED" }, { name: "Finalization", stepType: "FINALIZATION", status: "COMPLETED" }] },
        },
      },
    });
  });

  it("refuses anyone else, a workspace owner included (403), and the anonymous (401)", async () => {
    expect((await query(owner, { query: "{ apps { id } }" })).status).toBe(403);
    expect((await query(undefined, { query: "{ apps { id } }" })).status).toBe(401);
  });

  it("answers a query that does not match the schema with GraphQL errors (400), bad bodies with 422", async () => {
    const res = await query(operator, { query: "{ nope }" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { message: string }[] }).errors[0].message).toContain("nope");
    expect((await query(operator, { variables: {} })).status).toBe(422);
  });
});
