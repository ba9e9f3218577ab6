import type { Locator } from "@playwright/test";
import { expect, test } from "./support/test";
import { PDFDocument, PDFTextField } from "pdf-lib";
import { expectedFields, formPdf } from "./fixtures/forms-pdf";
import { shot, startSignedIn } from "./support/app";

const PAGE_W = 612;
const PAGE_H = 792;

/** Drags on a page's canvas between two points given in page points (top-left origin). */
async function dragInPoints(canvas: Locator, from: [number, number], to: [number, number]) {
  const box = (await canvas.boundingBox())!;
  const px = ([x, y]: [number, number]) => [box.x + (x / PAGE_W) * box.width, box.y + (y / PAGE_H) * box.height] as const;
  const page = canvas.page();
  await page.mouse.move(...px(from));
  await page.mouse.down();
  await page.mouse.move(...px([(from[0] + to[0]) / 2, (from[1] + to[1]) / 2]), { steps: 4 });
  await page.mouse.move(...px(to), { steps: 4 });
  await page.mouse.up();
}

test("review before download: delete, rename and draw fields, save, and download the rebuilt PDF", async ({ page }) => {
  test.setTimeout(150_000);
  await startSignedIn(page, "forms-review");
  await page.goto("/forms");
  await page.getByTestId("forms-file-input").setInputFiles({ name: "Club form.pdf", mimeType: "application/pdf", buffer: await formPdf(1) });
  await page.getByTestId("forms-submit").click();
  await expect(page).toHaveURL(/\/forms\?job=[\w-]+$/, { timeout: 30_000 });
  const id = new URL(page.url()).searchParams.get("job")!;
  const panel = page.getByTestId("forms-job");
  await expect(panel).toHaveAttribute("data-job-status", "succeeded", { timeout: 60_000 });

  await page.getByTestId("forms-review-start").click();
  const review = page.getByTestId("forms-review");
  const canvas = page.getByTestId("review-canvas-1");
  await expect(canvas.locator("rect[data-field]")).toHaveCount(6);
  await expect.poll(() => page.getByTestId("review-page-1").locator("img").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(500);

  // Delete with the keyboard: Tab to the field (focus selects it), then Delete.
  await canvas.locator('rect[data-field="email_address"]').focus();
  await expect(page.getByTestId("review-name")).toHaveValue("email_address");
  await page.keyboard.press("Delete");
  await expect(canvas.locator('rect[data-field="email_address"]')).toHaveCount(0);

  // Rename through the labelled control.
  await canvas.locator('rect[data-field="phone"]').click();
  await review.getByLabel("Name", { exact: true }).fill("telephone");
  await expect(canvas.locator('rect[data-field="telephone"]')).toHaveCount(1);

  // A duplicate name is caught before saving.
  await review.getByLabel("Name", { exact: true }).fill("full_name");
  await expect(page.getByTestId("review-save")).toBeDisabled();
  await review.getByLabel("Name", { exact: true }).fill("telephone");
  await expect(page.getByTestId("review-save")).toBeEnabled();

  // Draw a missing field on empty paper, widen it by its right-hand handle, then name it.
  await dragInPoints(canvas, [350, 400], [500, 420]);
  await expect(canvas.locator('rect[data-field="text"]')).toHaveCount(1);
  const handle = (await canvas.locator('rect[data-handle="e"]').boundingBox())!;
  const canvasBox = (await canvas.boundingBox())!;
  const ptToPx = canvasBox.width / PAGE_W;
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(handle.x + handle.width / 2 + 20 * ptToPx, handle.y + handle.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(review.getByTestId("review-inspector")).toContainText(/Page 1 · 1(69|7\d)\.\d × 20\.0 pt/);
  await expect(review.getByLabel("Type", { exact: true })).toHaveValue("text");
  await review.getByLabel("Name", { exact: true }).fill("reference_number");
  await shot(page, "forms-review-editing");

  await page.getByTestId("review-save").click();
  await expect(page.getByTestId("forms-review")).toHaveCount(0);
  await expect(page.getByTestId("forms-last-edit")).toHaveAttribute("data-status", "applied", { timeout: 60_000 });
  await expect(panel).toHaveAttribute("data-job-status", "succeeded");
  await expect(page.getByTestId("forms-last-edit")).toContainText("1 added, 1 removed, 1 changed");
  await shot(page, "forms-review-rebuilt");

  const downloading = page.waitForEvent("download");
  await panel.getByRole("link", { name: "Download fillable PDF" }).click();
  const download = await downloading;
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  const form = (await PDFDocument.load(Buffer.concat(chunks))).getForm();
  const expected = expectedFields(1);
  const names = form.getFields().map((f) => f.getName()).sort();
  const want = [...expected.text.filter((n) => n !== "email_address" && n !== "phone"), "telephone", "reference_number", ...expected.checkbox, ...expected.signature].sort();
  expect(names).toEqual(want);
  const drawn = form.getField("reference_number");
  expect(drawn).toBeInstanceOf(PDFTextField);
  const rect = drawn.acroField.getWidgets()[0].getRectangle();
  // Drawn from (350, 400) to (500, 420) in top-left points and widened by 20 pt: PDF user space is bottom-up.
  expect(rect.x).toBeGreaterThan(347);
  expect(rect.x).toBeLessThan(353);
  expect(rect.width).toBeGreaterThan(165);
  expect(rect.width).toBeLessThan(175);
  expect(rect.y).toBeGreaterThan(PAGE_H - 423);
  expect(rect.y + rect.height).toBeLessThan(PAGE_H - 397);

  // The timeline notes the edit.
  const events = ((await (await page.request.get(`/api/v1/jobs/${id}/events`)).json()) as { data: { type: string; data: Record<string, unknown> | null }[] }).data;
  expect(events.filter((e) => e.type === "edited")).toEqual([expect.objectContaining({ data: expect.objectContaining({ added: 1, removed: 1, changed: 1, field_count: 6 }) })]);
  expect(events.at(-1)).toMatchObject({ type: "succeeded" });
});
