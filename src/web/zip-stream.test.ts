import { describe, expect, it } from 'vitest';
import { unzip } from '../../test/helpers/unzip.ts';
import { zipChunks } from './zip-stream.ts';

async function* chunksOf(...parts: (string | Uint8Array)[]): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield typeof p === 'string' ? new TextEncoder().encode(p) : p;
}

async function bytesOf(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const all: Uint8Array[] = [];
  for await (const c of chunks) all.push(c);
  return Buffer.concat(all);
}

/** Event-loop turns (not time): what a stream that reads ahead would do meanwhile, it does. */
const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('the streaming zip writer', () => {
  it('writes entries that unzip to their bytes, with the CRC and sizes the directory checks', async () => {
    const big = new Uint8Array(300_000).map((_, i) => (i * 7919) % 251);
    const zip = await bytesOf(
      zipChunks(
        [
          { name: 'empty.txt', data: chunksOf() },
          { name: 'bytes.bin', data: chunksOf(big.subarray(0, 1), big.subarray(1, 9), big.subarray(9)) },
          { name: 'dir/text.xml', data: chunksOf('<a>', '中文 & more', '</a>') },
        ],
        new Date('2026-11-23T10:00:00Z'),
      ),
    );
    const files = unzip(zip);
    expect([...files.keys()]).toEqual(['empty.txt', 'bytes.bin', 'dir/text.xml']);
    expect(files.get('empty.txt')!.length).toBe(0);
    expect(Buffer.compare(files.get('bytes.bin')!, Buffer.from(big))).toBe(0);
    expect(files.get('dir/text.xml')!.toString('utf8')).toBe('<a>中文 & more</a>');
  });

  it('reads its source only as fast as the archive is read (a download that stops reading stops the rows)', async () => {
    // Noise does not compress: what the compressor holds is then what it was given.
    let produced = 0;
    let seed = 1;
    async function* source(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < 200; i++) {
        produced++;
        yield new Uint8Array(64 * 1024).map(() => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
      }
    }
    const zip = zipChunks([{ name: 'sheet.xml', data: source() }], new Date('2026-11-23T10:00:00Z'));
    await zip.next(); // the local header
    await zip.next(); // the first compressed bytes
    await turns(50);
    // The compressor's and the streams' queues hold some hundred KB (9 chunks here); the whole 12.5 MB source was read before.
    expect(produced).toBeLessThan(40);
    await zip.return(undefined);
  });

  it('fails, instead of hanging or ending as if complete, when its source fails midway', async () => {
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield new TextEncoder().encode('<row/>');
      throw new Error('database gone');
    }
    await expect(bytesOf(zipChunks([{ name: 'sheet.xml', data: failing() }], new Date('2026-11-23T10:00:00Z')))).rejects.toThrow('database gone');
  });
});
