import { expect, test } from "./support/test";
import { shot, startSignedIn } from "./support/app";

// A real 1x1 PNG, so the browser can show the preview.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

test("an uploaded image becomes a Notion link once the (stand-in) workflow calls back", async ({ page }) => {
  // Sign-up, the upload, the dispatch, the callback and the engine's run on a shared, busy machine.
  test.setTimeout(120_000);
  await startSignedIn(page, "relay");
  await page.goto("/relay");
  await expect(page.getByRole("heading", { name: "Notion relay" })).toBeVisible();
  await page.locator('input[type="file"]').setInputFiles({ name: "Whiteboard.png", mimeType: "image/png", buffer: PNG });
  await expect(page.getByRole("img", { name: "Preview of Whiteboard.png" })).toBeVisible();
  await page.getByRole("button", { name: "Send to Notion" }).click();
  const job = page.getByTestId("relay-job");
  await expect(job).toBeVisible();
  await shot(page, "relay-waiting");
  await expect(job).toHaveAttribute("data-status", "success", { timeout: 30_000 });
  const link = job.getByRole("link", { name: "open the page" });
  await expect(link).toHaveAttribute("href", /^https:\/\/www\.notion\.so\/Whiteboard-[0-9a-f]{32}$/);
  await expect(page.getByRole("table", { name: "Recent relay jobs" })).toContainText("Whiteboard.png");
  await page.getByLabel("Filter by status").selectOption("failure");
  await expect(page.getByText("No relay jobs with status failure yet.")).toBeVisible();
  await shot(page, "relay-done");
});
