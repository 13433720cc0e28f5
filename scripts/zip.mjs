// Zip archives with node's zlib alone (no zip program needed on the machine): writing a folder as a
// zip (deflated entries, fixed timestamps, so the same files give the same archive) and reading
// one back (the tests check what a package holds).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

// Every file under `dir`, as paths with forward slashes relative to it, sorted.
export function listFiles(dir) {
  const out = [];
  const walk = (relative) => {
    for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) out.push(child);
    }
  };
  walk('');
  return out.sort();
}

// Writes `entries` ([{ name, data: Buffer }]) as a zip file at `file`; answers with its size.
export function writeZip(file, entries) {
  const local = [];
  const central = [];
  let offset = 0;
  // 1980-01-01 00:00, the earliest DOS date: archives do not change with the build's time.
  const dosTime = 0;
  const dosDate = (1 << 5) | 1;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const deflated = zlib.deflateRawSync(data, { level: 9 });
    const stored = deflated.length >= data.length;
    const body = stored ? data : deflated;
    const crc = crc32(data);
    // The fields a local header and its central directory entry share, from "version needed"
    // to the name's length, written at `at` in either.
    const describe = (record, at) => {
      record.writeUInt16LE(20, at);  // version needed to extract: 2.0 (deflate)
      record.writeUInt16LE(0x0800, at + 2);  // names are UTF-8
      record.writeUInt16LE(stored ? 0 : 8, at + 4);
      record.writeUInt16LE(dosTime, at + 6);
      record.writeUInt16LE(dosDate, at + 8);
      record.writeUInt32LE(crc, at + 10);
      record.writeUInt32LE(body.length, at + 14);
      record.writeUInt32LE(data.length, at + 18);
      record.writeUInt16LE(nameBytes.length, at + 22);
      return record;
    };
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    local.push(describe(header, 4), nameBytes, body);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);  // made by version 2.0
    entry.writeUInt32LE(offset, 42);
    central.push(describe(entry, 6), nameBytes);
    offset += header.length + nameBytes.length + body.length;
  }
  const centralSize = central.reduce((sum, part) => sum + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  const archive = Buffer.concat([...local, ...central, end]);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, archive);
  return archive.length;
}

// Zips the folder `dir` (its contents at the archive's root) into `file`.
export function zipFolder(dir, file) {
  return writeZip(file, listFiles(dir).map((name) => ({ name, data: fs.readFileSync(path.join(dir, name)) })));
}

// The entries of a zip file this module wrote (or any zip without data descriptors or zip64):
// a Map from name to contents, checked against each entry's CRC.
export function readZip(file) {
  const archive = fs.readFileSync(file);
  const endAt = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (endAt < 0) throw new Error(`${file} is not a zip archive (no end of central directory)`);
  const count = archive.readUInt16LE(endAt + 10);
  let at = archive.readUInt32LE(endAt + 16);
  const entries = new Map();
  for (let i = 0; i < count; i++) {
    const method = archive.readUInt16LE(at + 10);
    const crc = archive.readUInt32LE(at + 16);
    const size = archive.readUInt32LE(at + 20);
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const commentLength = archive.readUInt16LE(at + 32);
    const localAt = archive.readUInt32LE(at + 42);
    const name = archive.toString('utf8', at + 46, at + 46 + nameLength);
    const dataAt = localAt + 30 + archive.readUInt16LE(localAt + 26) + archive.readUInt16LE(localAt + 28);
    const body = archive.subarray(dataAt, dataAt + size);
    const data = method === 8 ? zlib.inflateRawSync(body) : Buffer.from(body);
    if (crc32(data) !== crc) throw new Error(`${file}: ${name} is damaged (CRC mismatch)`);
    entries.set(name, data);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
