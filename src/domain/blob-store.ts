/**
 * Where evidence files live (a folder on Node, an R2 bucket on Workers: src/blobs/*). The
 * database keeps what a file is (name, type, size, who added it); the store only its bytes,
 * under a key the app chose, so nothing a person typed becomes a path or a key.
 */
export interface BlobStore {
  /** Stores `bytes` under `key` (a new key each time; an existing one is overwritten). */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The bytes under `key` as a stream, or null when there are none. */
  get(key: string): Promise<{ body: ReadableStream<Uint8Array>; size: number } | null>;
  /** Removes `key`; nothing happens when it is not there. */
  delete(key: string): Promise<void>;
}

/** The in-memory twin, for unit tests and local experiments. */
export class InMemoryBlobStore implements BlobStore {
  readonly blobs = new Map<string, { bytes: Uint8Array; contentType: string }>();

  async put(key: string, bytes: Uint8Array, contentType: string) {
    this.blobs.set(key, { bytes: bytes.slice(), contentType });
  }

  async get(key: string) {
    const blob = this.blobs.get(key);
    if (!blob) return null;
    const bytes = blob.bytes.slice();
    return { body: new Blob([bytes]).stream(), size: bytes.byteLength };
  }

  async delete(key: string) {
    this.blobs.delete(key);
  }
}
