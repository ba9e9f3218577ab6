import { beforeAll, describe, expect, it } from "vitest";
import { createTestUser, type TestUser } from "@/lib/auth/testing";
import { useTestDatabase } from "@/lib/db/testing";
import { createJob } from "./create-job";
import { getJob, listJobs } from "./read";
import { getSystemJob, listSystemJobs } from "./read-system";

useTestDatabase();
let owner: TestUser;
beforeAll(async () => {
  owner = await createTestUser();
});

describe("system jobs", () => {
  it("belong to no workspace: operators read them, workspaces never see them", async () => {
    const system = await createJob({ workspaceId: null, createdById: null, kind: "contracts", message: "Aggregating" });
    const own = await createJob({ workspaceId: owner.workspace.id, createdById: owner.user.id, kind: "forms" });
    const operator = { user: { isOperator: true } };
    expect((await getSystemJob(operator, system.id)).id).toBe(system.id);
    expect((await listSystemJobs(operator, { limit: 10 })).jobs.map((j) => j.id)).toEqual([system.id]);
    await expect(getSystemJob(operator, own.id)).rejects.toMatchObject({ status: 404 });
    await expect(getSystemJob({ user: { isOperator: false } }, system.id)).rejects.toMatchObject({ status: 403 });
    await expect(listSystemJobs({ user: { isOperator: false } }, { limit: 10 })).rejects.toMatchObject({ status: 403 });
    await expect(getJob(owner.workspace.id, system.id)).rejects.toMatchObject({ status: 404 });
    expect((await listJobs(owner.workspace.id, { limit: 10 })).jobs.map((j) => j.id)).toEqual([own.id]);
  });
});
