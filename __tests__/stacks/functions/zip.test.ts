import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { zipDirectory, zipEntries } from "../../../stacks/functions/zip";

/** What python's zipfile module reports about each entry of an archive. */
interface PyEntry {
  name: string;
  date_time: number[];
  create_system: number;
  mode: number;
  compress_type: number;
  data_b64: string;
}

const PY_READ = `
import base64, json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    assert z.testzip() is None
    print(json.dumps([{
        "name": i.filename,
        "date_time": list(i.date_time),
        "create_system": i.create_system,
        "mode": i.external_attr >> 16,
        "compress_type": i.compress_type,
        "data_b64": base64.b64encode(z.read(i)).decode(),
    } for i in z.infolist()]))
`;

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), "zip-test-"));
});
afterEach(() => {
  rmSync(tmp, { recursive: true, force: true });
});

/** Writes `files` (relative POSIX path → contents) under a new folder and returns it. */
function tree(name: string, files: Record<string, string | Buffer>): string {
  const root = join(tmp, name);
  mkdirSync(root, { recursive: true });
  for (const [rel, data] of Object.entries(files)) {
    const file = join(root, ...rel.split("/"));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, data);
  }
  return root;
}

function writeZip(zip: Buffer, name = "out.zip"): string {
  const file = join(tmp, name);
  writeFileSync(file, zip);
  return file;
}

function pyEntries(zipFile: string): PyEntry[] {
  return JSON.parse(execFileSync("python3", ["-c", PY_READ, zipFile], { encoding: "utf8" })) as PyEntry[];
}

const FILES = {
  "index.js": "exports.handler = async () => ({ ok: true });\n",
  "lib/util.js": "module.exports = {};\n".repeat(50),
  "lib/deep/data.json": JSON.stringify({ hello: "world" }),
  "empty.txt": "",
  "bin.dat": Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37) % 256)),
  "Ünïcode näme.txt": "utf-8 names\n",
};

describe("zipDirectory", () => {
  it("passes `unzip -t`", () => {
    const file = writeZip(zipDirectory(tree("src", FILES)));
    const out = execFileSync("/usr/bin/unzip", ["-t", file], { encoding: "utf8" });
    expect(out).toContain("No errors detected");
  });

  it("round-trips every file's contents under sorted POSIX relative paths", () => {
    const entries = pyEntries(writeZip(zipDirectory(tree("src", FILES))));
    const names = Object.keys(FILES).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect(entries.map((e) => e.name)).toEqual(names);
    for (const e of entries) {
      const expected = FILES[e.name as keyof typeof FILES];
      expect(Buffer.from(e.data_b64, "base64").equals(Buffer.from(expected))).toBe(true);
    }
  });

  it("writes fixed timestamps, unix mode 0644 and no directory entries", () => {
    const entries = pyEntries(writeZip(zipDirectory(tree("src", FILES))));
    for (const e of entries) {
      expect(e.date_time).toEqual([1980, 1, 1, 0, 0, 0]);
      expect(e.create_system).toBe(3);
      expect(e.mode).toBe(0o100644);
      expect(e.name.endsWith("/")).toBe(false);
      expect(e.name.startsWith("/")).toBe(false);
    }
    expect(entries.find((e) => e.name === "lib/util.js")?.compress_type).toBe(8);
  });

  it("gives byte-identical output on repeated runs", () => {
    const dir = tree("src", FILES);
    expect(zipDirectory(dir).equals(zipDirectory(dir))).toBe(true);
  });

  it("does not depend on creation order, mtimes or file modes", () => {
    const a = tree("a", FILES);
    const reversed = Object.fromEntries(Object.entries(FILES).reverse());
    const b = tree("b", reversed);
    utimesSync(join(b, "index.js"), new Date("2001-02-03T04:05:06Z"), new Date("2001-02-03T04:05:06Z"));
    utimesSync(join(b, "lib", "util.js"), new Date(), new Date());
    chmodSync(join(b, "index.js"), 0o755);
    expect(zipDirectory(a).equals(zipDirectory(b))).toBe(true);
  });

  it("changes when a file's contents change", () => {
    const a = tree("a", FILES);
    const b = tree("b", { ...FILES, "index.js": "changed\n" });
    expect(zipDirectory(a).equals(zipDirectory(b))).toBe(false);
  });

  it("leaves symbolic links out", () => {
    const dir = tree("src", { "real.txt": "real\n" });
    writeFileSync(join(tmp, "outside.txt"), "secret\n");
    symlinkSync(join(tmp, "outside.txt"), join(dir, "link.txt"));
    expect(pyEntries(writeZip(zipDirectory(dir))).map((e) => e.name)).toEqual(["real.txt"]);
  });

  it("writes a valid empty archive for an empty folder", () => {
    const dir = tree("empty", {});
    expect(pyEntries(writeZip(zipDirectory(dir)))).toEqual([]);
  });

  it("rejects a path that is not a directory", () => {
    writeFileSync(join(tmp, "file.txt"), "x");
    expect(() => zipDirectory(join(tmp, "file.txt"))).toThrow(/is not a directory/);
  });
});

describe("zipEntries", () => {
  it("sorts entries regardless of input order", () => {
    const x = { path: "x.txt", data: Buffer.from("x") };
    const y = { path: "a/y.txt", data: Buffer.from("y") };
    expect(zipEntries([x, y]).equals(zipEntries([y, x]))).toBe(true);
  });

  it.each(["/abs.txt", "../up.txt", "a/../b.txt", "a\\b.txt", "a//b.txt", "C:/x.txt", ""])(
    "rejects unsafe path %p",
    (path) => {
      expect(() => zipEntries([{ path, data: Buffer.alloc(0) }])).toThrow(/relative POSIX path/);
    },
  );

  it("matches a known archive byte for byte (guards against format drift)", () => {
    const zip = zipEntries([
      { path: "index.js", data: Buffer.from("exports.handler = async () => 'hello';\n".repeat(3)) },
      { path: "a/b.txt", data: Buffer.from("b\n") },
    ]);
    expect(zip.length).toBe(250);
    expect(createHash("sha256").update(zip).digest("hex")).toBe(
      "3c871f7415028b4ab80c68043e0fb1b7b46531716f4ac70b6856fb7ef252f581",
    );
  });

  it("rejects duplicate paths", () => {
    const e = { path: "a.txt", data: Buffer.from("a") };
    expect(() => zipEntries([e, e])).toThrow(/appears twice/);
  });
});
