import type { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';

/**
 * Bounds what an XLSX file may unpack to before exceljs reads it. An XLSX is a ZIP: a few
 * megabytes can inflate to gigabytes of shared strings, which exceljs keeps in memory, or of
 * worksheet XML, which it may spool to disk. Each part is inflated once here, counting bytes,
 * and the file is refused as soon as a part passes its limit. Limits are far above what an HR
 * export of the largest municipality needs (56,000 people: ~4 MB of shared strings).
 */
export const XLSX_LIMITS = {
  /** The file as uploaded. */
  packedMb: 64,
  sharedStringsMb: 32,
  worksheetMb: 192,
  otherPartMb: 16,
};

const MB = 1024 * 1024;

export class XlsxTooLarge extends Error {
  constructor(
    readonly part: string,
    readonly maximumMb: number,
  ) {
    super(`${part} is larger than ${maximumMb} MB`);
  }
}

export class XlsxUnreadable extends Error {}

/** The upload as one buffer, refused once it passes the packed limit. */
export async function readPacked(source: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of source as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > XLSX_LIMITS.packedMb * MB) throw new XlsxTooLarge('file', XLSX_LIMITS.packedMb);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

interface Entry {
  name: string;
  method: number;
  dataStart: number;
  compressedSize: number;
}

/** The entries of a ZIP from its central directory (ZIP64 is refused: no XLSX needs it). */
function zipEntries(zip: Buffer): Entry[] {
  const END = 0x06054b50;
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65_557); i--) {
    if (zip.readUInt32LE(i) === END) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new XlsxUnreadable('not a ZIP archive');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50)
      throw new XlsxUnreadable('damaged ZIP directory');
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    if (compressedSize === 0xffffffff || local === 0xffffffff)
      throw new XlsxUnreadable('ZIP64 archives are not supported');
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== 0x04034b50)
      throw new XlsxUnreadable('damaged ZIP entry');
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    if (dataStart + compressedSize > zip.length) throw new XlsxUnreadable('truncated ZIP entry');
    entries.push({ name, method, dataStart, compressedSize });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const limitOf = (name: string) =>
  name === 'xl/sharedStrings.xml'
    ? XLSX_LIMITS.sharedStringsMb
    : /^xl\/worksheets\/[^/]+\.xml$/.test(name)
      ? XLSX_LIMITS.worksheetMb
      : XLSX_LIMITS.otherPartMb;

/** Inflates one entry only to count its bytes, stopping at the limit. */
function unpackedSizeWithin(zip: Buffer, entry: Entry, limit: number): Promise<boolean> {
  const data = zip.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  if (entry.method === 0) return Promise.resolve(data.length <= limit);
  if (entry.method !== 8) return Promise.reject(new XlsxUnreadable('unknown ZIP compression'));
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw();
    let size = 0;
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        inflate.destroy();
        resolve(false);
      }
    });
    inflate.on('end', () => resolve(true));
    inflate.on('error', () => reject(new XlsxUnreadable('damaged compressed data')));
    inflate.end(data);
  });
}

/** Refuses an XLSX any of whose parts would unpack beyond its limit. */
export async function checkXlsxSizes(zip: Buffer): Promise<void> {
  for (const entry of zipEntries(zip)) {
    if (entry.name.endsWith('/')) continue;
    const limit = limitOf(entry.name);
    if (!(await unpackedSizeWithin(zip, entry, limit * MB)))
      throw new XlsxTooLarge(entry.name, limit);
  }
}
