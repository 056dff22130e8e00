/**
 * A small deterministic zip writer built on Node's zlib.
 *
 * The same file names and bytes always give the same archive bytes: entries are
 * sorted, timestamps are fixed at 1980-01-01 00:00 (the earliest DOS date), every
 * entry gets unix mode 0644, and no extra fields (which would carry mtimes, uids
 * or gids) are written. Only file contents and relative paths reach the archive.
 *
 * Compression uses `deflateRawSync` with fixed options. The deflate stream comes
 * from the zlib bundled with Node, so archives are byte-identical across machines
 * running the same Node major version; a Node upgrade that changed zlib's
 * compressor could, in principle, change the compressed bytes (never the contents).
 */
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { crc32, deflateRawSync } from "node:zlib";

/** A file to place in an archive: its POSIX path inside the archive and its bytes. */
export interface ZipEntry {
  /** Relative path with `/` separators, e.g. `lib/index.js`. No leading `/`, no `..`. */
  readonly path: string;
  /** The file contents. */
  readonly data: Buffer;
}

/** DOS time 00:00:00. */
const DOS_TIME = 0x0000;
/** DOS date 1980-01-01: ((1980 - 1980) << 9) | (1 << 5) | 1. */
const DOS_DATE = 0x0021;
/** Version 2.0 of the zip spec: deflate, no zip64. */
const VERSION_NEEDED = 20;
/** Upper byte 3 = unix ("version made by"), so unzip honours the mode bits. */
const VERSION_MADE_BY = (3 << 8) | VERSION_NEEDED;
/** Regular file (S_IFREG) with mode 0644, in the upper 16 bits of external attributes. */
const EXTERNAL_ATTRIBUTES = ((0o100000 | 0o644) << 16) >>> 0;
/** General purpose flag bit 11: file names are UTF-8. */
const FLAG_UTF8 = 0x0800;
const METHOD_STORED = 0;
const METHOD_DEFLATED = 8;
const MAX_UINT16 = 0xffff;
const MAX_UINT32 = 0xffffffff;

/**
 * Zips every regular file under `dir`, recursively, into a deterministic archive.
 *
 * Entry names are POSIX paths relative to `dir`, sorted by their UTF-8 bytes.
 * Directories get no entries of their own. Anything that is not a regular file
 * (symbolic links, sockets, devices) is left out, so a link can never pull in
 * content from outside `dir`.
 *
 * @param dir - The directory to archive.
 * @returns The zip archive bytes.
 * @throws If `dir` is not a directory, or the archive would need zip64
 *   (more than 65,535 entries or 4 GiB).
 */
export function zipDirectory(dir: string): Buffer {
  if (!lstatSync(dir).isDirectory()) {
    throw new Error(`zipDirectory: ${dir} is not a directory. Pass the folder whose files should be zipped.`);
  }
  const entries = listRegularFiles(dir).map((path) => ({ path, data: readFileSync(join(dir, ...path.split("/"))) }));
  return zipEntries(entries);
}

/**
 * Writes the given entries into a deterministic zip archive.
 *
 * Entries are sorted by path (UTF-8 byte order) first, so the order they are
 * given in does not matter.
 *
 * @param entries - Files to archive; paths must be relative POSIX paths and unique.
 * @returns The zip archive bytes.
 * @throws If a path is absolute, contains `..` or a backslash, repeats, or the
 *   archive would need zip64.
 */
export function zipEntries(entries: readonly ZipEntry[]): Buffer {
  const sorted = [...entries].sort((a, b) => Buffer.compare(Buffer.from(a.path, "utf8"), Buffer.from(b.path, "utf8")));
  checkEntryPaths(sorted);
  if (sorted.length > MAX_UINT16) {
    throw new Error(`zip: ${sorted.length} entries exceed the 65,535 a non-zip64 archive can hold.`);
  }

  const localParts: Buffer[] = [];
  const centralParts: Buffer[] = [];
  let offset = 0;
  for (const entry of sorted) {
    const name = Buffer.from(entry.path, "utf8");
    const deflated = deflateRawSync(entry.data, { level: 9, windowBits: 15, memLevel: 8, strategy: 0 });
    const useDeflate = deflated.length < entry.data.length;
    const body = useDeflate ? deflated : entry.data;
    const header: FileHeader = {
      method: useDeflate ? METHOD_DEFLATED : METHOD_STORED,
      crc: crc32(entry.data) >>> 0,
      compressedSize: body.length,
      size: entry.data.length,
      name,
    };
    if (offset > MAX_UINT32 || header.size > MAX_UINT32 || header.compressedSize > MAX_UINT32) {
      throw new Error(`zip: ${entry.path} would need zip64 (archive or file larger than 4 GiB).`);
    }
    const local = localFileHeader(header);
    localParts.push(local, body);
    centralParts.push(centralDirectoryHeader(header, offset));
    offset += local.length + body.length;
  }

  const central = Buffer.concat(centralParts);
  if (offset > MAX_UINT32) throw new Error("zip: archive larger than 4 GiB would need zip64.");
  return Buffer.concat([...localParts, central, endOfCentralDirectory(sorted.length, central.length, offset)]);
}

/** What the local and central headers of one entry share. */
interface FileHeader {
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly name: Buffer;
}

function localFileHeader(h: FileHeader): Buffer {
  const b = Buffer.alloc(30);
  b.writeUInt32LE(0x04034b50, 0);
  b.writeUInt16LE(VERSION_NEEDED, 4);
  b.writeUInt16LE(FLAG_UTF8, 6);
  b.writeUInt16LE(h.method, 8);
  b.writeUInt16LE(DOS_TIME, 10);
  b.writeUInt16LE(DOS_DATE, 12);
  b.writeUInt32LE(h.crc, 14);
  b.writeUInt32LE(h.compressedSize, 18);
  b.writeUInt32LE(h.size, 22);
  b.writeUInt16LE(h.name.length, 26);
  b.writeUInt16LE(0, 28); // extra field length
  return Buffer.concat([b, h.name]);
}

function centralDirectoryHeader(h: FileHeader, localHeaderOffset: number): Buffer {
  const b = Buffer.alloc(46);
  b.writeUInt32LE(0x02014b50, 0);
  b.writeUInt16LE(VERSION_MADE_BY, 4);
  b.writeUInt16LE(VERSION_NEEDED, 6);
  b.writeUInt16LE(FLAG_UTF8, 8);
  b.writeUInt16LE(h.method, 10);
  b.writeUInt16LE(DOS_TIME, 12);
  b.writeUInt16LE(DOS_DATE, 14);
  b.writeUInt32LE(h.crc, 16);
  b.writeUInt32LE(h.compressedSize, 20);
  b.writeUInt32LE(h.size, 24);
  b.writeUInt16LE(h.name.length, 28);
  b.writeUInt16LE(0, 30); // extra field length
  b.writeUInt16LE(0, 32); // comment length
  b.writeUInt16LE(0, 34); // disk number start
  b.writeUInt16LE(0, 36); // internal attributes
  b.writeUInt32LE(EXTERNAL_ATTRIBUTES, 38);
  b.writeUInt32LE(localHeaderOffset, 42);
  return Buffer.concat([b, h.name]);
}

function endOfCentralDirectory(count: number, centralSize: number, centralOffset: number): Buffer {
  const b = Buffer.alloc(22);
  b.writeUInt32LE(0x06054b50, 0);
  b.writeUInt16LE(0, 4); // this disk
  b.writeUInt16LE(0, 6); // disk with the central directory
  b.writeUInt16LE(count, 8);
  b.writeUInt16LE(count, 10);
  b.writeUInt32LE(centralSize, 12);
  b.writeUInt32LE(centralOffset, 16);
  b.writeUInt16LE(0, 20); // comment length
  return b;
}

/** Lists regular files under `root` as POSIX paths relative to it (unsorted). */
function listRegularFiles(root: string, prefix = ""): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(join(root, ...prefix.split("/").filter(Boolean)), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...listRegularFiles(root, rel));
    else if (entry.isFile()) files.push(rel);
  }
  return files;
}

function checkEntryPaths(sorted: readonly ZipEntry[]): void {
  sorted.forEach((entry, i) => {
    const p = entry.path;
    const segments = p.split("/");
    if (p === "" || p.startsWith("/") || p.includes("\\") || /^[A-Za-z]:/.test(p) || segments.some((s) => s === "" || s === "." || s === "..")) {
      throw new Error(`zip: entry path "${p}" must be a relative POSIX path without "", ".", ".." segments or backslashes.`);
    }
    if (i > 0 && sorted[i - 1].path === p) throw new Error(`zip: entry path "${p}" appears twice.`);
  });
}
