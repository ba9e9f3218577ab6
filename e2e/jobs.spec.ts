import { expect, test } from "./support/test";
import { me, shot, startSignedIn } from "./support/app";
import { NO_SEEDING_REASON, Seeding } from "./support/seed";

// Jobs are driven through lib/jobs against the server's own database (PostgreSQL runs only); the
// browser must follow each change by polling, without reloads.
let seed: Seeding | null = null;

test.beforeAll(async () => {
  seed = await Seeding.open();
});
test.afterAll(async () => {
  await seed?.close();
});

test("the dashboard and the job page follow a job live until its result is ready", async ({ page }) => {
  test.skip(!seed, NO_SEEDING_REASON);
  const jobs = seed!;
  await startSignedIn(page, "live");
  const { user, workspace } = await me(page);
  const job = await jobs.createJob({ workspaceId: workspace.id, createdById: user.id, kind: "e2e-demo", message: "Waiting for a worker" });

  await page.reload();
  const row = page.locator(`[data-testid="job-row"][data-job-id="${job.id}"]`).filter({ visible: true });
  await expect(row).toHaveAttribute("data-status", "queued");
  await expect(row).toContainText("Queued");

  await jobs.startJob(job.id, { stage: "detect_fields", message: "Looking for fields" });
  await jobs.updateJobProgress(job.id, { progress: 0.4, stage: "detect_fields" });
  await expect(row).toHaveAttribute("data-status", "running");
  await expect(row).toContainText("Detect fields");
  await expect(row).toContainText("40%");
  await shot(page, "dashboard-running-job");

  await row.getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(`/jobs/${job.id}$`));
  const panel = page.getByTestId("job-panel");
  await expect(panel.getByRole("progressbar", { name: "Job progress" })).toHaveAttribute("aria-valuenow", "40");
  await expect(panel.getByText("Updating live")).toBeVisible();

  await jobs.updateJobProgress(job.id, { progress: 0.75, stage: "write_pdf", message: "Writing the fillable PDF" });
  await expect(panel.getByRole("progressbar", { name: "Job progress" })).toHaveAttribute("aria-valuenow", "75");
  await expect(panel.getByTestId("job-stage")).toHaveText("Write pdf");
  await expect(panel).toContainText("Writing the fillable PDF");

  await jobs.completeWithText(job.id, { workspaceId: workspace.id, filename: "result.txt", text: "hello from e2e\n", message: "Done" });
  await expect(panel).toHaveAttribute("data-job-status", "succeeded");
  await expect(panel.getByRole("progressbar", { name: "Job progress" })).toHaveAttribute("aria-valuenow", "100");
  const timeline = panel.getByTestId("job-timeline");
  await expect(timeline.getByRole("listitem")).toHaveCount(5);
  await expect(timeline).toContainText("Created");
  await expect(timeline).toContainText("Succeeded");
  await shot(page, "job-succeeded");

  const downloading = page.waitForEvent("download");
  await panel.getByRole("link", { name: "Download result" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("result.txt");
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  expect(Buffer.concat(chunks).toString()).toBe("hello from e2e\n");
  // Under next start the body is chunked (Next drops Content-Length); the size still arrives.
  const direct = await page.request.get(`/api/v1/jobs/${job.id}/result`);
  expect(direct.headers()["x-file-size"]).toBe("15");
  expect(direct.headers()["content-type"]).toMatch(/^text\/plain/);
  expect(direct.headers()["content-disposition"]).toContain('filename="result.txt"');
  // The details list when it started and finished, and how long it ran.
  await expect(panel.getByText("Duration", { exact: true })).toBeVisible();
  await expect(panel.getByText("Finished", { exact: true })).toBeVisible();

  // Retention removes the result: the page says so instead of offering a dead link.
  await jobs.expireResult(job.id);
  await page.reload();
  await expect(panel.getByTestId("result-expired")).toBeVisible();
  await expect(panel.getByRole("link", { name: "Download result" })).toHaveCount(0);
});

test("a failed job shows its error type and a plain explanation", async ({ page }) => {
  test.skip(!seed, NO_SEEDING_REASON);
  const jobs = seed!;
  await startSignedIn(page, "failing");
  const { user, workspace } = await me(page);
  const job = await jobs.createJob({ workspaceId: workspace.id, createdById: user.id, kind: "e2e-demo" });
  await jobs.startJob(job.id, { stage: "read_pdf" });

  await page.goto(`/jobs/${job.id}`);
  const panel = page.getByTestId("job-panel");
  await expect(panel).toHaveAttribute("data-job-status", "running");
  await jobs.failJob(job.id, { type: "EncryptedPdfError", detail: "The PDF needs a password to open" });

  const error = panel.getByTestId("job-error");
  await expect(error).toBeVisible();
  await expect(error).toContainText("EncryptedPdfError");
  await expect(error).toContainText("protected with a password");
  await expect(error).toContainText("The PDF needs a password to open");
  await expect(panel.getByText("Updating live")).toHaveCount(0);
  await shot(page, "job-failed");
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, "phone-job-failed");
  await page.setViewportSize({ width: 1280, height: 720 });

  // Deleting asks first, then the job is gone for good.
  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog", { name: "Delete this job?" }).getByRole("button", { name: "Delete job" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.locator(`[data-job-id="${job.id}"]`)).toHaveCount(0);
  await page.goto(`/jobs/${job.id}`);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});
