import { selfTest } from "./self-test";
import { formsProcess } from "./forms-process";
import { formsExpire } from "./forms-expire";
import { formsCleanup } from "./forms-cleanup";
import { logbookSync } from "./logbook-sync";
import { contractsAggregate } from "./contracts-aggregate";
import { relayProcess } from "./relay-process";
import { documentsExtract } from "./documents-extract";

/**
 * Every durable function served at /api/inngest. A pipeline adds its file under
 * inngest/functions/ and one line here.
 */
export const functions = [
  selfTest,
  formsProcess,
  formsExpire,
  formsCleanup,
  logbookSync,
  contractsAggregate,
  relayProcess,
  documentsExtract,
];
