import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { writeFileAtomic } from "@/lib/forms/files";
import { LocalDiskStorage } from "./local-disk";

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "conveyor-modes-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const mode = (p: string) => fs.statSync(p).mode & 0o777;

/** Uploads, results and previews are the server user's alone, even with a permissive umask. */
describe("files under DATA_DIR", () => {
  it("storage writes files 0600 in directories 0700", async () => {
    const previous = process.umask(0o022);
    try {
      const root = tempDir();
      const store = new LocalDiskStorage(path.join(root, "files"));
      await store.put("uploads/ws/job/input.pdf", Buffer.from("%PDF-1.7"));
      const file = store.pathFor("uploads/ws/job/input.pdf");
      expect(mode(file)).toBe(0o600);
      for (let dir = path.dirname(file); dir !== root; dir = path.dirname(dir)) expect(mode(dir), dir).toBe(0o700);
    } finally {
      process.umask(previous);
    }
  });

  it("job work files (previews, results) are written 0600 in directories 0700", async () => {
    const previous = process.umask(0o022);
    try {
      const root = tempDir();
      const file = path.join(root, "work", "previews", "page-0001.jpg");
      await writeFileAtomic(file, Buffer.from([0xff, 0xd8, 0xff]));
      expect(mode(file)).toBe(0o600);
      expect(mode(path.dirname(file))).toBe(0o700);
      expect(mode(path.join(root, "work"))).toBe(0o700);
    } finally {
      process.umask(previous);
    }
  });

  it("a server process closes DATA_DIR and creates everything private, whoever writes it", () => {
    const dataDir = path.join(tempDir(), "data");
    fs.mkdirSync(dataDir, { mode: 0o755 });
    fs.chmodSync(dataDir, 0o755);
    // In a child: the umask is process-wide.
    const script = `
      const fs = require("node:fs");
      process.umask(0o022);
      require("./lib/storage/private-modes.ts").keepDataPrivate(${JSON.stringify(dataDir)});
      fs.writeFileSync(${JSON.stringify(path.join(dataDir, "library-file"))}, "x");
      fs.mkdirSync(${JSON.stringify(path.join(dataDir, "library-dir"))});
    `;
    const run = spawnSync(process.execPath, ["--import", "tsx", "-e", script], { cwd: path.resolve(__dirname, "../.."), encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(path.join(dataDir, "library-file"))).toBe(0o600);
    expect(mode(path.join(dataDir, "library-dir"))).toBe(0o700);
  });
});
