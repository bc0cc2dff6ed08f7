import type { BlobStore } from '../domain/blob-store.ts';

/** The Workers blob store: an R2 bucket bound as EVIDENCE in wrangler.toml. */
export function createR2BlobStore(bucket: R2Bucket): BlobStore {
  return {
    async put(key, bytes, contentType) {
      await bucket.put(key, bytes, { httpMetadata: { contentType } });
    },
    async get(key) {
      const object = await bucket.get(key);
      return object ? { body: object.body, size: object.size } : null;
    },
    async delete(key) {
      await bucket.delete(key);
    },
  };
}
