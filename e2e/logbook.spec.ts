import { expect, test } from "./support/test";
import { startMpStandIn, type MpStandIn } from "../lib/logbook/mountain-project/testing/mp-stand-in";
import { mpRow } from "../lib/logbook/mountain-project/testing/tick-export-csv";
import { shot, startSignedIn } from "./support/app";

/** The app reads Mountain Project from E2E_PORT + 3 (playwright.config.ts; + 2 is the relay's n8n stand-in); this stand-in serves it. */
const MP_PORT = Number(process.env.E2E_PORT ?? 3210) + 3;
let mp: MpStandIn;

test.beforeAll(async () => {
  mp = await startMpStandIn(
    {
      "/user/200100200/e2e-climber": {
        // Slow enough that a person (and this test) sees the stages move.
        delayMs: 1500,
        rows: [
          mpRow({ Route: "Crux Roof", Rating: "5.11b", Style: "Lead", "Lead Style": "Redpoint", "Route Type": "Sport" }),
          mpRow({ Route: "Warm-up", Rating: "5.10a", Style: "Lead", "Lead Style": "Onsight", "Route Type": "Sport" }),
          mpRow({ Route: "Project", Rating: "5.12a", Style: "Lead", "Lead Style": "Fell/Hung", "Route Type": "Sport" }),
          mpRow({ Route: "Slab", Rating: "5.9", Style: "Lead", "Lead Style": "Flash", "Route Type": "Sport" }),
          mpRow({ Route: "Splitter", Rating: "5.10b/c R", Style: "Lead", "Lead Style": "Onsight", "Route Type": "Trad, Alpine" }),
          mpRow({ Route: "Highball", Rating: "V5", Style: "Send", "Lead Style": "", "Route Type": "Boulder", Length: "" }),
          mpRow({ Route: "Warm-up boulder", Rating: "V2-3", Style: "Flash", "Lead Style": "", "Route Type": "Boulder", Length: "" }),
        ],
      },
    },
    MP_PORT,
  );
});
test.afterAll(() => mp?.close());

test("connect a Mountain Project profile, watch the stages, see the pyramid, download the CSV", async ({ page }) => {
  await startSignedIn(page, "logbook");
  await page.goto("/logbook");
  await expect(page.getByRole("tab", { name: "Mountain Project" })).toHaveAttribute("aria-selected", "true");
  await page.getByLabel("Mountain Project profile URL").fill("http://mountainproject.com/user/200100200/e2e-climber/ticks");
  await page.getByTestId("logbook-connect").click();
  await expect(page).toHaveURL(/\/logbook\?job=[\w-]+$/, { timeout: 30_000 });

  const panel = page.getByTestId("logbook-job");
  await expect(page.getByTestId("stage-fetching")).toHaveAttribute("data-state", /active|done/);
  await shot(page, "logbook-running");
  await expect(panel).toHaveAttribute("data-job-status", "succeeded", { timeout: 60_000 });
  for (const stage of ["fetching", "cleaning", "exporting", "analyzing", "saving"]) {
    await expect(page.getByTestId(`stage-${stage}`)).toHaveAttribute("data-state", "done");
  }
  expect(mp.requests).toContain("GET /user/200100200/e2e-climber/tick-export");

  const sport = page.getByTestId("pyramid-sport");
  await expect(sport.getByTestId("top-grade")).toHaveText("5.11b");
  await expect(page.getByTestId("pyramid-boulder").getByTestId("top-grade")).toHaveText("V5");
  await expect(page.getByTestId("pyramid-trad").getByTestId("top-grade")).toHaveText("5.10b");
  await sport.getByRole("button", { name: "Table" }).click();
  await expect(sport.getByRole("row", { name: /5\.11b/ })).toContainText("1");
  await expect(page.getByTestId("ticks-table").getByRole("row")).toHaveCount(8);
  await page.getByLabel("Discipline").selectOption("boulder");
  await expect(page.getByTestId("ticks-table").getByRole("row")).toHaveCount(3);
  await shot(page, "logbook-done");

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: /Download CSV/ }).or(page.getByRole("button", { name: /Download CSV/ })).first().click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("mountain-project-ticks.csv");
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  const csv = Buffer.concat(chunks).toString("utf8").trim().split("\n");
  expect(csv[0]).toMatch(/^date,route,location,discipline/);
  expect(csv).toHaveLength(8);

  // Disconnecting asks first, then the source, its ticks and its pyramids are gone.
  await page.goto("/logbook");
  const sources = page.getByTestId("logbook-sources");
  await expect(sources.getByRole("listitem")).toHaveCount(1);
  await sources.getByRole("button", { name: /Disconnect .*e2e-climber/ }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Disconnect" }).click();
  await expect(page.getByText("None yet.")).toBeVisible();
  await expect(page.getByTestId("ticks-table")).toHaveCount(0);
});
