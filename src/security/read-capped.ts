/**
 * Reads a byte stream to its end, or stops as soon as it passes `max` bytes and answers null:
 * the one way the app bounds a body, whether it receives it (webhooks, src/security/body-limit.ts)
 * or fetches it (pulls, src/sources/pull/limited-fetch.ts). Past the limit an inbound stream is
 * only released (cancelling it on Node destroys the socket before the 413 is written); a
 * fetched one is cancelled, so the download stops.
 */
export async function readCapped(stream: ReadableStream<Uint8Array>, max: number, overLimit: 'release' | 'cancel'): Promise<Uint8Array<ArrayBuffer> | null> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      if (overLimit === 'cancel') await reader.cancel();
      else reader.releaseLock();
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}
