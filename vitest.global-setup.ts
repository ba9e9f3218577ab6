import { dropStaleTestDatabases, preparePgliteImage } from "./lib/db/test-databases";

export default async function setup(): Promise<void> {
  if (process.env.TEST_DATABASE_URL) await dropStaleTestDatabases(process.env.TEST_DATABASE_URL);
  else await preparePgliteImage();
}
