import { crc32, inflateRawSync } from 'node:zlib';

export interface UnzippedFile {
  name: string;
  data: Buffer;
  /** MS-DOS modification time as stored. */
  dosDate: number;
  dosTime: number;
}

/**
 * Reads a zip the way an unzip tool does: from the end-of-central-directory record through the central directory
 * to each local header; checks signatures, sizes and CRC-32 on the way, so a malformed archive throws.
 */
export function unzip(zip: Buffer): UnzippedFile[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || zip.length - eocd < 22) throw new Error('no end of central directory record');
  const entries = zip.readUInt16LE(eocd + 10);
  if (zip.readUInt16LE(eocd + 8) !== entries) throw new Error('entries on this disk differ from the total');
  const directorySize = zip.readUInt32LE(eocd + 12);
  let at = zip.readUInt32LE(eocd + 16);
  if (at + directorySize !== eocd) throw new Error('the central directory does not end at the EOCD record');
  const files: UnzippedFile[] = [];
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory signature at ${at}`);
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const dosTime = zip.readUInt16LE(at + 12);
    const dosDate = zip.readUInt16LE(at + 14);
    const crc = zip.readUInt32LE(at + 16);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString(flags & 0x0800 ? 'utf8' : 'latin1');
    at += 46 + nameLength + extraLength + commentLength;

    if (zip.readUInt32LE(localOffset) !== 0x04034b50) throw new Error(`bad local header signature for ${name}`);
    const localNameLength = zip.readUInt16LE(localOffset + 26);
    const localExtraLength = zip.readUInt16LE(localOffset + 28);
    if (zip.readUInt32LE(localOffset + 14) !== crc) throw new Error(`local and central CRC differ for ${name}`);
    const start = localOffset + 30 + localNameLength + localExtraLength;
    const stored = zip.subarray(start, start + compressedSize);
    const data = method === 8 ? inflateRawSync(stored) : method === 0 ? Buffer.from(stored) : undefined;
    if (!data) throw new Error(`unsupported compression method ${method} for ${name}`);
    if (data.length !== size) throw new Error(`size of ${name} is ${data.length}, the directory says ${size}`);
    if (crc32(data) !== crc) throw new Error(`CRC-32 mismatch for ${name}`);
    files.push({ name, data, dosDate, dosTime });
  }
  return files;
}
