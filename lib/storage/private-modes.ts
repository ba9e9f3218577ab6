import fs from "node:fs";

/** Modes of everything Conveyor keeps under DATA_DIR: uploads, results and secrets are its user's alone. */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/**
 * From now on this process creates files 0600 and directories 0700 whatever the writer asks
 * (PGlite's own files, libraries' temporary files), and the data directory itself is closed to
 * other users, also when an older version created it open. Writers still pass explicit modes,
 * so code that runs without this (tests, scripts) is private too.
 */
export function keepDataPrivate(dataDir: string): void {
  process.umask(0o077);
  fs.mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  fs.chmodSync(dataDir, PRIVATE_DIR_MODE);
}
