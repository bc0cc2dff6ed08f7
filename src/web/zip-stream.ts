/**
 * A minimal streaming ZIP writer (PKWARE APPNOTE 6.3): each entry deflated through the
 * runtime's CompressionStream (Node 22 and Workers both have it) as its bytes
 * arrive, with the CRC and sizes in a data descriptor after the data, so no entry is ever
 * held whole. Enough for an .xlsx: no ZIP64 (under 4 GB), no encryption, no comments.
 * Written here rather than taken from a package: ~100 lines on web standards only, where the
 * maintained streaming zip libraries either buffer entries, skip compression or need Node streams.
 */

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

const GZIP_HEADER = 10;
const GZIP_TRAILER = 8;

/**
 * `data` deflated as it arrives, returning its CRC-32 and sizes. CompressionStream('gzip') is
 * raw deflate between a 10-byte header and an 8-byte trailer of exactly the CRC-32 and the
 * size (RFC 1952), so the runtime's zlib computes the CRC natively: in JavaScript it was one of
 * the biggest costs of a large .xlsx. The header is skipped, and the last 8 bytes are held back
 * until the stream ends, when they are the trailer.
 *
 * The input is written one chunk at a time, each write awaited, so the compressor holds one page
 * of the sheet at most: Node's pipeThrough into a CompressionStream does not wait and queued the
 * whole sheet (170 MB for 100,000 outcomes). A slow reader stops the reads here, the compressor's
 * output fills, its writes stop completing, and the rows stop being produced.
 */
async function* deflated(data: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array, { crc: number; size: number; compressed: number }> {
  const gzip = new CompressionStream('gzip');
  const writer = gzip.writable.getWriter();
  const reader = gzip.readable.getReader();
  const feeding = (async () => {
    for await (const chunk of data) await writer.write(chunk);
    await writer.close();
  })();
  // A failed source fails the output too (read below), instead of leaving it open.
  feeding.catch((err: unknown) => writer.abort(err).catch(() => {}));
  let headerLeft = GZIP_HEADER;
  let held = new Uint8Array(0);
  let compressed = 0;
  try {
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      let chunk = r.value;
      if (headerLeft) {
        const seen = GZIP_HEADER - headerLeft;
        const skip = Math.min(headerLeft, chunk.length);
        // FLG (header byte 3) is 0 from CompressionStream: no name, comment or extra field follows.
        if (seen <= 3 && 3 < seen + skip && chunk[3 - seen] !== 0) throw new Error('unexpected gzip header flags');
        headerLeft -= skip;
        chunk = chunk.subarray(skip);
      }
      const bytes = held.length ? concat(held, chunk) : chunk;
      held = bytes.slice(Math.max(0, bytes.length - GZIP_TRAILER));
      const out = bytes.subarray(0, Math.max(0, bytes.length - GZIP_TRAILER));
      if (!out.length) continue;
      compressed += out.length;
      yield out;
    }
  } finally {
    // Also when the reader stops early (a download cancelled): the compressor and the rows stop.
    await reader.cancel().catch(() => {});
  }
  await feeding;
  if (held.length !== GZIP_TRAILER) throw new Error('gzip stream ended without its trailer');
  const trailer = new DataView(held.buffer, held.byteOffset, GZIP_TRAILER);
  return { crc: trailer.getUint32(0, true), size: trailer.getUint32(4, true), compressed };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
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
    const { crc, size, compressed } = yield* deflated(entry.data);
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
