import { parse } from "csv-parse/sync";
import { PRICES, STAFF, twoTablePdf } from "@/lib/documents/testing/env";
import { expect, test } from "./support/test";
import { shot, startSignedIn } from "./support/app";

test("a PDF with two tables: upload, extract, see both tables beside their page, download one as CSV", async ({ page }) => {
  // Sign-up, the upload check, the engine's run and the page previews on a shared, busy machine.
  test.setTimeout(120_000);
  await startSignedIn(page, "documents");
  await page.goto("/documents");
  await expect(page.getByRole("heading", { name: "Documents", level: 1 })).toBeVisible();

  await page.getByLabel("Name").fill("Report tables");
  await page.getByRole("button", { name: "Create configuration" }).click();
  await expect(page.getByRole("list", { name: "Configurations" })).toContainText("Report tables v1");

  await page.locator('input[type="file"]').setInputFiles({ name: "Quarterly report.pdf", mimeType: "application/pdf", buffer: Buffer.from(await twoTablePdf()) });
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByRole("list", { name: "Documents" })).toContainText("Quarterly report.pdf");
  await expect(page.getByRole("list", { name: "Timeline" })).toContainText("document.uploaded");

  await page.getByRole("button", { name: "Extract tables" }).click();
  await expect(page.getByTestId("extraction-job")).toHaveAttribute("data-status", "succeeded", { timeout: 60_000 });
  const tables = page.getByTestId("extracted-table");
  await expect(tables).toHaveCount(2);
  await expect(tables.nth(0).getByRole("table")).toContainText("Apples");
  await expect(tables.nth(1).getByRole("table")).toContainText("Alan Turing");
  await expect(tables.nth(0).getByTestId("table-box")).toBeVisible();
  await expect(tables.nth(0).getByRole("img", { name: "Page 1" })).toBeVisible();
  await shot(page, "documents-tables");

  const downloading = page.waitForEvent("download");
  await tables.nth(0).getByRole("button", { name: "Download CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("Quarterly report-table-1-page-1.csv");
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  expect(parse(Buffer.concat(chunks).toString("utf8"))).toEqual(PRICES);
  expect(STAFF[0]).toEqual(["Name", "Team", "Start"]);
});
