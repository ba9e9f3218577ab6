import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/db/testing";
import { setStorage } from "./instance";
import { LocalDiskStorage } from "./local-disk";
import { jobWorkArea } from "./work-area";

const database = useTestDatabase();
let root: string;

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "conveyor-work-area-"));
  setStorage(new LocalDiskStorage(root));
  await database().prisma.workspace.create({ data: { id: "wsw", name: "W", slug: "w" } });
  await database().prisma.job.create({ data: { id: "job-w", workspaceId: "wsw", kind: "forms" } });
});
afterAll(async () => {
  setStorage(undefined);
  await fs.rm(root, { recursive: true, force: true });
});

describe("a job's work area", () => {
  it("hands out paths under the job's folder and registers an output once, however often it is written", async () => {
    const area = jobWorkArea({ kind: "forms", jobId: "job-w", workspaceId: "wsw" });
    expect(area.folderKey).toBe("wsw/forms-jobs/job-w");
    expect(area.localPath("result.pdf")).toBe(path.join(root, "wsw", "forms-jobs", "job-w", "result.pdf"));

    await fs.mkdir(area.dir, { recursive: true });
    await fs.writeFile(area.localPath("result.pdf"), "first");
    const first = await area.registerOutput("result.pdf", { filename: "a/../form.pdf", contentType: "application/pdf" });
    // A retried step writes the file again: the same row, with the new bytes' size and hash.
    await fs.writeFile(area.localPath("result.pdf"), "second try");
    const second = await area.registerOutput("result.pdf", { filename: "form.pdf", contentType: "application/pdf" });
    expect(second.id).toBe(first.id);
    expect(second).toMatchObject({ jobId: "job-w", workspaceId: "wsw", purpose: "result", size: BigInt(10) });
    expect(second.sha256).toBe(createHash("sha256").update("second try").digest("hex"));
    expect(first.filename).not.toContain("/");
    expect(await database().prisma.storedFile.count({ where: { jobId: "job-w" } })).toBe(1);

    await area.remove();
    await expect(fs.stat(area.dir)).rejects.toMatchObject({ code: "ENOENT" });
  });
});
