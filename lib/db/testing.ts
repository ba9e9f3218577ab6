/** Vitest wiring for test databases (see test-databases.ts for how they are made). */
import { afterAll, beforeAll } from "vitest";
import { setDatabase } from "./database";
import { createTestDatabase, type TestDatabase } from "./test-databases";

export { createTestDatabase, type TestDatabase } from "./test-databases";

/**
 * Gives the test file a fresh database, installed as the process database so route handlers and
 * lib code use it. Call at the top of a test file; the returned getter works inside tests.
 */
export function useTestDatabase(): () => TestDatabase {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    setDatabase(database);
  }, 120_000);
  afterAll(async () => {
    setDatabase(undefined);
    await database?.close();
  });
  return () => {
    if (!database) throw new Error("test database not ready: call useTestDatabase() at file level");
    return database;
  };
}
