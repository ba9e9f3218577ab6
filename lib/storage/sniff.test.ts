import { describe, expect, it } from "vitest";
import { sniffContentType } from "./sniff";

const zipEntry = (name: string, data = "x") => {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt32LE(data.length, 18);
  header.writeUInt16LE(name.length, 26);
  return Buffer.concat([header, Buffer.from(name), Buffer.from(data)]);
};

describe("sniffContentType", () => {
  it.each([
    ["pdf", Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "latin1"), "application/pdf"],
    ["pdf after junk", Buffer.concat([Buffer.alloc(20, 0), Buffer.from("%PDF-1.4")]), "application/pdf"],
    ["png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), "image/png"],
    ["jpeg", Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]), "image/jpeg"],
    ["gif", Buffer.from("GIF89a\x01\x00", "latin1"), "image/gif"],
    ["webp", Buffer.concat([Buffer.from("RIFF"), Buffer.alloc(4), Buffer.from("WEBPVP8 ")]), "image/webp"],
    ["zip", zipEntry("notes.txt"), "application/zip"],
    ["empty zip", Buffer.from([0x50, 0x4b, 0x05, 0x06, ...Array(18).fill(0)]), "application/zip"],
    [
      "docx",
      Buffer.concat([zipEntry("[Content_Types].xml", "<Types/>"), zipEntry("_rels/.rels"), zipEntry("word/document.xml")]),
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ],
    [
      "xlsx",
      Buffer.concat([zipEntry("[Content_Types].xml"), zipEntry("xl/workbook.xml")]),
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ],
    ["json", Buffer.from('{"a": [1, 2]}'), "application/json"],
    ["csv", Buffer.from("name,age\nada,36\n\"lovelace, a\",37\n"), "text/csv"],
    ["semicolon csv", Buffer.from("a;b;c\n1;2;3\n"), "text/csv"],
    ["text", Buffer.from("Dear reader,\nthis is plain text. Ünïcödé too.\n"), "text/plain"],
    ["bom text", Buffer.from("\ufeffhello"), "text/plain"],
    ["brace text", Buffer.from("{ not json"), "text/plain"],
    ["binary", Buffer.from([0x00, 0x01, 0x02, 0xfe, 0xff]), "application/octet-stream"],
    ["invalid utf-8", Buffer.from([0x68, 0x69, 0xc3, 0x28]), "application/octet-stream"],
    ["empty", Buffer.alloc(0), "application/octet-stream"],
  ])("%s", (_name, bytes, expected) => {
    expect(sniffContentType(bytes, true)).toBe(expected);
  });

  it("tolerates a head cut in the middle of a character or a line", () => {
    const head = Buffer.from("a,b\n1,2\n3,4\n5,ü");
    expect(sniffContentType(head.subarray(0, head.length - 1), false)).toBe("text/csv");
    expect(sniffContentType(Buffer.from('{"truncated": '), false)).toBe("application/json");
  });

  it("ignores what a file claims to be by name: an executable stays octet-stream", () => {
    expect(sniffContentType(Buffer.from("MZ\x90\x00\x03\x00\x00\x00", "latin1"), true)).toBe("application/octet-stream");
  });
});

describe("ISO media images (HEIC, HEIF, AVIF)", () => {
  const ftyp = (major: string, ...compatible: string[]) => {
    const brands = [major, "\0\0\0\0", ...compatible].join("");
    const box = Buffer.alloc(8 + brands.length);
    box.writeUInt32BE(box.length, 0);
    box.write("ftyp", 4, "latin1");
    box.write(brands, 8, "latin1");
    return Buffer.concat([box, Buffer.alloc(32)]);
  };
  it("tells them apart by brand", () => {
    expect(sniffContentType(ftyp("heic", "mif1", "heic"))).toBe("image/heic");
    expect(sniffContentType(ftyp("mif1", "mif1", "heic"))).toBe("image/heic");
    expect(sniffContentType(ftyp("mif1", "mif1"))).toBe("image/heif");
    expect(sniffContentType(ftyp("avif", "mif1", "avif"))).toBe("image/avif");
  });
  it("leaves other ISO media (an MP4) alone", () => {
    expect(sniffContentType(ftyp("isom", "isom", "mp41"))).toBe("application/octet-stream");
  });
});
