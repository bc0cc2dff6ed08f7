/**
 * A minimal streaming ZIP writer (PKWARE APPNOTE 6.3): each entry deflated through the
 * runtime's CompressionStream('deflate-raw') (Node 22 and Workers both have it) as its bytes
 * arrive, with the CRC and sizes in a data descriptor after the data, so no entry is ever
 * held whole. Enough for an .xlsx: no ZIP64 (under 4 GB), no encryption, no comments.
 * Written here rather than taken from a package: ~100 lines on web standards only, where the
 * maintained streaming zip libraries either buffer entries, skip compression or need Node streams.
 */

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** Continues a CRC-32 (start with 0) over `bytes`. */
export function crc32(bytes: Uint8Array, crc = 0): number {
  let c = ~crc >>> 0;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/** Little-endian header bytes from [value, byte width] pairs. */
function header(fields: [number, 2 | 4][], name: Uint8Array = new Uint8Array()): Uint8Array {
  const size = fields.reduce((n, [, w]) => n + w, 0);
  const out = new Uint8Array(size + name.length);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const [v, w] of fields) {
    if (w === 2) view.setUint16(at, v, true);
    else view.setUint32(at, v >>> 0, true);
    at += w;
  }
  out.set(name, size);
  return out;
}

/** DOS time and date of `d` (local fields as UTC: ZIP stores no zone). */
function dosTime(d: Date): { time: number; date: number } {
  return { time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1), date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate() };
}

export interface ZipEntry {
  name: string;
  /** The entry's bytes, produced as the archive is read. */
  data: AsyncIterable<Uint8Array>;
}

const FLAGS = 0x0008 | 0x0800; // sizes in a data descriptor; UTF-8 names
const DEFLATE = 8;

/** The archive's bytes, entry after entry, read on demand (a slow reader slows the producers). */
export async function* zipChunks(entries: Iterable<ZipEntry>, modified: Date): AsyncGenerator<Uint8Array> {
  const { time, date } = dosTime(modified);
  const central: Uint8Array[] = [];
  let offset = 0;
  let count = 0;
  for (const entry of entries) {
    const name = new TextEncoder().encode(entry.name);
    const local = header([[0x04034b50, 4], [20, 2], [FLAGS, 2], [DEFLATE, 2], [time, 2], [date, 2], [0, 4], [0, 4], [0, 4], [name.length, 2], [0, 2]], name);
    yield local;
    let crc = 0;
    let size = 0;
    const source = entry.data[Symbol.asyncIterator]();
    const plain = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await source.next();
        if (next.done) return controller.close();
        crc = crc32(next.value, crc);
        size += next.value.length;
        controller.enqueue(next.value);
      },
    });
    let compressed = 0;
    const reader = plain.pipeThrough(new CompressionStream('deflate-raw')).getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      compressed += r.value.length;
      yield r.value;
    }
    yield header([[0x08074b50, 4], [crc, 4], [compressed, 4], [size, 4]]);
    central.push(
      header([[0x02014b50, 4], [20, 2], [20, 2], [FLAGS, 2], [DEFLATE, 2], [time, 2], [date, 2], [crc, 4], [compressed, 4], [size, 4], [name.length, 2], [0, 2], [0, 2], [0, 2], [0, 2], [0, 4], [offset, 4]], name),
    );
    offset += local.length + compressed + 16;
    count += 1;
  }
  const directorySize = central.reduce((n, c) => n + c.length, 0);
  for (const c of central) yield c;
  yield header([[0x06054b50, 4], [0, 2], [0, 2], [count, 2], [count, 2], [directorySize, 4], [offset, 4], [0, 2]]);
}

/** An async iterable as a byte stream that produces only when read. */
export function byteStream(chunks: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const it = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await it.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await it.return?.();
    },
  });
}
