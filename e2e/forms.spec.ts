import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { PDFCheckBox, PDFDocument, type PDFField, PDFSignature, PDFTextField } from "pdf-lib";
import { expectedFields, formPdf, unwritablePdf } from "./fixtures/forms-pdf";
import { shot, startSignedIn } from "./support/app";

const PAGES = 8;
const STAGE_ORDER = ["Validating", "Rendering", "Detecting", "Writing", "Succeeded"];

type Event = { type: string; stage: string | null; status: string; message: string | null };

async function upload(page: Page, name: string, pdf: Buffer): Promise<string> {
  await page.getByTestId("forms-file-input").setInputFiles({ name, mimeType: "application/pdf", buffer: pdf });
  await expect(page.getByTestId("forms-dropzone")).toContainText(name);
  await page.getByTestId("forms-submit").click();
  await expect(page).toHaveURL(/\/forms\?job=[\w-]+$/, { timeout: 30_000 });
  return new URL(page.url()).searchParams.get("job")!;
}

/** Samples the visible stage until the job settles: what a person watching the page would have seen. */
async function watchStages(page: Page): Promise<string[]> {
  const seen: string[] = [];
  const panel = page.getByTestId("forms-job");
  const deadline = Date.now() + 60_000;
  const record = async () => {
    const stage = (await panel.getByTestId("job-stage").textContent().catch(() => null))?.trim();
    if (stage && seen.at(-1) !== stage) seen.push(stage);
    return stage;
  };
  for (;;) {
    const stage = await record();
    if (stage === "Rendering" && !seen.includes("shot")) {
      await shot(page, "forms-running");
      seen.push("shot");
    }
    const status = await panel.getAttribute("data-job-status");
    // The poll may land between the two reads: the stage is read again once the status settled.
    if (status === "succeeded" || status === "failed") {
      await record();
      break;
    }
    if (Date.now() > deadline) break;
    await page.waitForTimeout(50);
  }
  return seen.filter((s) => s !== "shot");
}

test("a PDF goes from upload through every stage to a fillable download with the expected fields", async ({ page }) => {
  test.setTimeout(120_000);
  await startSignedIn(page, "forms");
  await page.getByRole("navigation").getByRole("link", { name: "Forms" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Forms" })).toBeVisible();
  await shot(page, "forms-upload");

  const id = await upload(page, "Volunteer application.pdf", await formPdf(PAGES));
  const seen = await watchStages(page);
  const panel = page.getByTestId("forms-job");
  await expect(panel).toHaveAttribute("data-job-status", "succeeded");
  // The page moves forward only: whatever it showed came in stage order and ended succeeded.
  const positions = seen.map((s) => STAGE_ORDER.indexOf(s)).filter((i) => i >= 0);
  expect(positions, seen.join(" -> ")).toEqual([...positions].sort((a, b) => a - b));
  expect(seen.at(-1)).toBe("Succeeded");

  // The job's timeline, as the API gives it: every stage in order, per-page progress, then success.
  const events = ((await (await page.request.get(`/api/v1/jobs/${id}/events`)).json()) as { data: Event[] }).data;
  const stages = events.map((e) => e.stage).filter((s, i, all): s is string => !!s && all.indexOf(s) === i);
  expect(stages).toEqual(["validating", "rendering", "detecting", "writing"]);
  expect(events.filter((e) => e.stage === "rendering" && /^Rendering page \d+ of 8$/.test(e.message ?? ""))).toHaveLength(PAGES);
  expect(events.at(-1)).toMatchObject({ type: "succeeded", status: "succeeded" });

  const expected = expectedFields(PAGES);
  const total = expected.text.length + expected.checkbox.length + expected.signature.length;
  await expect(page.getByTestId("forms-counts")).toContainText(String(expected.text.length));
  await expect(page.getByTestId("forms-field-row")).toHaveCount(total);
  await expect(page.getByTestId("forms-legend").getByRole("button")).toHaveText([`Text (${expected.text.length})`, `Checkbox (${expected.checkbox.length})`, `Signature (${expected.signature.length})`]);
  const firstPage = page.getByTestId("forms-page-1");
  await expect(firstPage.locator("rect[data-type=text]")).toHaveCount(3);
  await expect(firstPage.locator("rect[data-type=checkbox]")).toHaveCount(2);
  await expect.poll(() => firstPage.locator("img").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(500);
  await page.getByRole("button", { name: "email_address", exact: true }).click();
  await expect(firstPage.locator('rect[data-field="email_address"]')).toHaveAttribute("stroke-width", "2");
  await shot(page, "forms-succeeded");

  const downloading = page.waitForEvent("download");
  await panel.getByRole("link", { name: "Download fillable PDF" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("Volunteer application-fillable.pdf");
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  const form = (await PDFDocument.load(Buffer.concat(chunks))).getForm();
  const names = (pick: (f: PDFField) => boolean) => form.getFields().filter(pick).map((f) => f.getName()).sort();
  expect(names((f) => f instanceof PDFTextField)).toEqual([...expected.text].sort());
  expect(names((f) => f instanceof PDFCheckBox)).toEqual([...expected.checkbox].sort());
  expect(names((f) => f instanceof PDFSignature)).toEqual([...expected.signature].sort());

  // Zoomed in, and on a phone.
  await page.getByRole("button", { name: "Zoom in" }).click();
  await page.getByRole("button", { name: "Zoom in" }).click();
  await shot(page, "forms-zoomed");
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, "phone-forms-succeeded");
});

test("problems are explained: a non-PDF before upload, a refused upload, and a job that fails after it was accepted", async ({ page }) => {
  test.setTimeout(120_000);
  await startSignedIn(page, "forms-errors");
  await page.goto("/forms");

  await page.getByTestId("forms-file-input").setInputFiles({ name: "notes.pdf", mimeType: "application/pdf", buffer: Buffer.from("just some text, not a PDF") });
  const refusal = page.getByTestId("forms-upload").getByTestId("job-error");
  await expect(refusal).toContainText("UnsupportedMediaTypeError");
  await expect(refusal).toContainText("Only PDF files can be made fillable");
  await expect(page.getByTestId("forms-submit")).toBeDisabled();

  // Looks like a PDF to the browser; the server reads it and refuses it before any job exists.
  await page.getByTestId("forms-file-input").setInputFiles({ name: "damaged.pdf", mimeType: "application/pdf", buffer: Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(2000, 120)]) });
  await page.getByTestId("forms-submit").click();
  await expect(refusal).toContainText("PdfParseError");
  await expect(refusal).toContainText("could not be read");
  await shot(page, "forms-refused");
  expect(((await (await page.request.get("/api/v1/jobs?kind=forms")).json()) as { data: unknown[] }).data).toHaveLength(0);

  await upload(page, "broken.pdf", await unwritablePdf());
  const panel = page.getByTestId("forms-job");
  await expect(panel).toHaveAttribute("data-job-status", "failed", { timeout: 60_000 });
  const error = panel.getByTestId("job-error");
  await expect(error).toContainText("PdfWriteError");
  await expect(error).toContainText("the PDF's internal structure is damaged");
  await expect(page.getByTestId("forms-stage-writing")).toHaveAttribute("data-state", "failed");
  await expect(page.getByTestId("forms-stage-detecting")).toHaveAttribute("data-state", "done");
  await shot(page, "forms-failed");

  await page.getByTestId("forms-start-over").click();
  await expect(page).toHaveURL(/\/forms$/);
  await expect(page.getByTestId("forms-upload")).toBeVisible();
});
