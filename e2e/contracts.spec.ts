import { expect, test } from "@playwright/test";
import pg from "pg";
import { shot, startSignedIn } from "./support/app";
import { readServerState } from "./support/server-state";

const SHIP_CONTRACT = 990_000_001;
const MINERALS = 990_000_002;

/** Two contracts as the aggregation stores them: a Rifter sale and a mineral sale. */
async function seedContracts(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("DELETE FROM eve_contracts WHERE contract_id = ANY($1::bigint[])", [[SHIP_CONTRACT, MINERALS]]);
    await client.query(
      `INSERT INTO eve_contracts (contract_id, region_id, type, status, issuer_id, issuer_corporation_id, price, volume, title,
         date_issued, date_expired, first_seen_at, last_seen_at, changed_at, items_fetched_at, is_ship_contract, ship_type_id, quantity,
         is_blueprint_copy, contains_additional_items)
       VALUES ($1, 10000002, 'item_exchange', 'outstanding', 1, 1, 850000, 27289, 'Rifter e2e', now() - interval '1 hour',
         now() + interval '13 days', now(), now(), now(), now(), true, 587, 1, false, true),
              ($2, 10000002, 'item_exchange', 'outstanding', 1, 1, 120000, 10, 'Minerals e2e', now() - interval '2 hours',
         now() + interval '13 days', now(), now(), now(), now(), false, NULL, NULL, NULL, false)`,
      [SHIP_CONTRACT, MINERALS],
    );
    await client.query(
      `INSERT INTO eve_types (type_id, name, group_id, category_id, last_refreshed_at) VALUES (587, 'Rifter', 25, 6, now()), (34, 'Tritanium', 18, 4, now())
       ON CONFLICT (type_id) DO NOTHING`,
    );
    await client.query(
      `INSERT INTO eve_groups (group_id, name, category_id, refreshed_at) VALUES (25, 'Frigate', 6, now()), (18, 'Mineral', 4, now())
       ON CONFLICT (group_id) DO NOTHING`,
    );
    await client.query(
      `INSERT INTO eve_contract_items (record_id, contract_id, type_id, quantity, is_included) VALUES
         (9900000011, $1, 587, 1, true), (9900000012, $1, 34, 500, true), (9900000021, $2, 34, 10000, true)`,
      [SHIP_CONTRACT, MINERALS],
    );
  } finally {
    await client.end();
  }
}

test("a signed-in user browses contracts, filters ships and opens a contract's items", async ({ page }) => {
  test.setTimeout(120_000);
  const state = readServerState();
  test.skip(!state?.databaseUrl, "seeding needs the PostgreSQL server database (run with TEST_DATABASE_URL)");
  await seedContracts(state!.databaseUrl!);
  await startSignedIn(page, "contracts");

  await page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Contracts" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Contracts" })).toBeVisible();
  // The e2e server sets no CONTRACTS_REGION_IDS: the page says how to turn the aggregation on.
  await expect(page.getByText("The contracts aggregation is off")).toBeVisible();
  await expect(page.getByText("CONTRACTS_REGION_IDS").first()).toBeVisible();

  const table = page.getByRole("table", { name: "Contracts" });
  await expect(table.getByText("Rifter e2e")).toBeVisible();
  await expect(table.getByText("Minerals e2e")).toBeVisible();

  await page.getByLabel("Ships only").check();
  await page.getByLabel("Sort").selectOption("price");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(table.getByText("Minerals e2e")).toHaveCount(0);
  await expect(table.getByText("Rifter + items")).toBeVisible();

  await table.getByRole("button", { name: "Rifter e2e" }).click();
  const items = page.getByRole("region", { name: `Items of contract ${SHIP_CONTRACT}` });
  await expect(items).toContainText("1 × Rifter (Frigate)");
  await expect(items).toContainText("500 × Tritanium (Mineral)");
  await shot(page, "contracts-browser");

  // Members are not operators: no run history, and the runs API refuses them.
  await expect(page.getByRole("table", { name: "Aggregation runs" })).toHaveCount(0);
  expect((await page.request.post("/api/v1/contracts/runs")).status()).toBe(403);
});
