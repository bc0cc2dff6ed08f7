import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import type { BlobStore } from '../domain/blob-store.ts';

/** Each key segment as one safe file name: the app makes the keys, but a key never walks out of the folder. */
function pathOf(root: string, key: string): string {
  const parts = key.split('/').map((p) => encodeURIComponent(p));
  if (parts.some((p) => p === '' || p === '.' || p === '..')) throw new Error(`bad blob key: ${key}`);
  return join(root, ...parts);
}

/**
 * The Node blob store: a folder (BLOB_DIR), one file per key. A file is written under a
 * temporary name and renamed, so a reader never sees half of one.
 */
export function createFolderBlobStore(dir: string): BlobStore {
  const root = resolve(dir);
  return {
    async put(key, bytes) {
      const path = pathOf(root, key);
      await mkdir(join(path, '..'), { recursive: true });
      const partial = `${path}.${crypto.randomUUID()}.partial`;
      await writeFile(partial, bytes);
      await rename(partial, path);
    },
    async get(key) {
      const path = pathOf(root, key);
      const info = await stat(path).catch(() => null);
      if (!info?.isFile()) return null;
      return { body: Readable.toWeb(createReadStream(path)) as unknown as ReadableStream<Uint8Array>, size: info.size };
    },
    async delete(key) {
      await rm(pathOf(root, key), { force: true });
    },
  };
}
