import fs from "node:fs";
import path from "node:path";
import { buildPdf } from "@/lib/pdf/testing";
import { inflateBombPdf, pathBombPdf } from "@/lib/pdf/hostile";

export const workDir = path.resolve(__dirname, "..", "work", "fairness");

/** Writes (once; the 400 MB bomb takes a while to deflate) the fixtures and returns their paths. */
export async function fixtures(): Promise<{ form: string; pathBomb: string; inflateBomb: string }> {
  fs.mkdirSync(workDir, { recursive: true });
  const make = async (name: string, build: () => Promise<Uint8Array>) => {
    const file = path.join(workDir, name);
    if (!fs.existsSync(file)) fs.writeFileSync(file, await build());
    return file;
  };
  return {
    form: await make("form-1-page.pdf", () =>
      buildPdf((p) => {
        p.text("Application form", 72, 60, 16);
        for (let i = 0; i < 8; i++) {
          p.text(`Field ${i + 1}:`, 72, 120 + i * 40);
          p.line(160, 122 + i * 40, 520, 122 + i * 40);
        }
      }),
    ),
    pathBomb: await make("path-bomb-3m-ops.pdf", () => pathBombPdf(3_000_000)),
    inflateBomb: await make("inflate-bomb-400mb.pdf", () => inflateBombPdf(20_000, 20_000)),
  };
}
