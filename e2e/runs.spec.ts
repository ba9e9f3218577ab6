import { expect, test } from "./support/test";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { shot, startSignedIn } from "./support/app";

/** A one-page flat form: a forms upload starts a run of the forms pipeline for the workspace. */
async function flatForm(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([612, 792]);
  page.drawText("Runs e2e application", { x: 72, y: 720, size: 18, font });
  page.drawText("Full name", { x: 72, y: 660, size: 11, font });
  page.drawLine({ start: { x: 140, y: 658 }, end: { x: 420, y: 658 }, thickness: 0.8 });
  page.drawText("Date", { x: 72, y: 620, size: 11, font });
  page.drawLine({ start: { x: 140, y: 618 }, end: { x: 300, y: 618 }, thickness: 0.8 });
  return Buffer.from(await doc.save());
}

test("an owner finds a run, unfolds its steps and reruns it", async ({ page }) => {
  test.setTimeout(120_000);
  await startSignedIn(page, "runs");
  const nav = page.getByRole("navigation", { name: "Main" }).first();
  await expect(nav.getByRole("link", { name: "Runs" })).toBeVisible();

  // A forms upload is a durable run of the forms pipeline that belongs to this workspace.
  const upload = await page.request.post("/api/v1/forms", {
    multipart: { file: { name: "runs-e2e.pdf", mimeType: "application/pdf", buffer: await flatForm() }, options: JSON.stringify({ raster: false }) },
  });
  expect(upload.status(), await upload.text()).toBe(202);
  const { job_id: jobId } = (await upload.json()) as { job_id: string };

  await nav.getByRole("link", { name: "Runs" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Runs" })).toBeVisible();
  const row = page.locator('[data-testid="run-row"]').filter({ visible: true }).first();
  await expect(row).toBeVisible();
  // The list refreshes itself while the run is active: no reload needed to see it finish.
  await expect(row).toHaveAttribute("data-status", /completed|failed/, { timeout: 90_000 });
  await expect(row).toContainText("forms/pdf.uploaded");
  const originalId = await row.getAttribute("data-run-id");
  await shot(page, "runs-list");

  // Filters narrow the list and live in the URL.
  await page.getByRole("checkbox", { name: "Canceled" }).check({ force: true });
  await expect(page).toHaveURL(/status=cancelled/);
  await expect(page.getByText("No runs match these filters")).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(row).toBeVisible();

  await row.getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(`/runs/${originalId}$`));
  const view = page.getByTestId("run-view");
  await expect(view).toHaveAttribute("data-run-status", /completed|failed/);
  const steps = view.getByTestId("run-step");
  await expect(steps.first()).toBeVisible();
  expect(await steps.count()).toBeGreaterThan(1);
  await steps.first().locator("summary").click();
  await expect(steps.first().getByText(/^Started /)).toBeVisible();
  await expect(view.locator("pre[aria-label=\"Trigger event\"]")).toContainText(jobId);
  await shot(page, "runs-detail");

  await view.getByRole("button", { name: "Rerun" }).click();
  const dialog = page.getByRole("dialog", { name: "Rerun this run?" });
  await expect(dialog).toBeVisible();
  await shot(page, "runs-rerun-confirm");
  await dialog.getByRole("button", { name: "Start rerun" }).click();
  await expect(page).not.toHaveURL(new RegExp(`/runs/${originalId}$`));
  await expect(page).toHaveURL(/\/runs\/[0-9A-Z]{26}$/);
  const rerunId = new URL(page.url()).pathname.split("/").pop()!;
  const rerun = page.getByTestId("run-view");
  await expect(rerun.getByRole("link", { name: originalId! })).toBeVisible();
  await expect(rerun).toHaveAttribute("data-run-status", /completed|failed|running|queued/);
  await expect(rerun.locator("pre[aria-label=\"Trigger event\"]")).toContainText(jobId);
  await shot(page, "runs-rerun");

  // Back on the list, the rerun is the newest run, the original still there.
  await page.getByRole("link", { name: "Runs", exact: true }).first().click();
  const rows = page.locator('[data-testid="run-row"]').filter({ visible: true });
  await expect(rows.first()).toHaveAttribute("data-run-id", rerunId);
  await expect(page.locator(`[data-testid="run-row"][data-run-id="${originalId}"]`).filter({ visible: true })).toBeVisible();
});
