import { describe, expect, it } from "vitest";
import { contentDisposition, sanitizeFilename } from "./filename";

describe("sanitizeFilename", () => {
  it.each([
    ["report.pdf", "report.pdf"],
    ["../../etc/passwd", "passwd"],
    ["C:\\Users\\me\\tax form.pdf", "tax form.pdf"],
    [".htaccess", "htaccess"],
    ["  spaced \t name  .pdf ", "spaced name .pdf"],
    ["a\u0000b\nc.txt", "abc.txt"],
    ["invoice\u202Efdp.exe", "invoicefdp.exe"],
    ['what?<"x">.pdf', "what___x__.pdf"],
    ["...", "file"],
    ["", "file"],
    [null, "file"],
  ])("%j -> %j", (input, expected) => {
    expect(sanitizeFilename(input)).toBe(expected);
  });

  it("keeps the extension when cutting long names to 200 bytes", () => {
    const out = sanitizeFilename(`${"é".repeat(300)}.pdf`);
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(200);
    expect(out.endsWith(".pdf")).toBe(true);
    expect(out).not.toContain("\ufffd");
  });
});

describe("contentDisposition", () => {
  it("gives an ASCII fallback and an RFC 5987 UTF-8 name", () => {
    expect(contentDisposition("Résumé (final)'s.pdf")).toBe(
      `attachment; filename="R_sum_ (final)'s.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%28final%29%27s.pdf`,
    );
  });

  it("cannot be broken out of by quotes or separators", () => {
    const header = contentDisposition('a"; filename="evil.exe');
    expect(header.startsWith('attachment; filename="a_; filename=_evil.exe"; ')).toBe(true);
    expect(header).toContain("filename*=UTF-8''a_%3B%20filename%3D_evil.exe");
  });
});
