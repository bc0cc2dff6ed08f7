import { createHash, randomBytes } from 'node:crypto';

/** Random lowercase hex of `bytes` bytes. */
export function hex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/** A stable short hash, used to derive ids (e.g. DM channels) from other ids. */
export function stableId(input: string, length = 10): string {
  return createHash('sha256').update(input).digest('hex').slice(0, length);
}

/** Monotonic counter-based id generator: `next('V')` → `V0000001A` style. */
export function createIdGenerator(): (prefix: string) => string {
  let counter = 0;
  return (prefix: string) => {
    counter += 1;
    return `${prefix}${counter.toString(36).toUpperCase().padStart(8, '0')}`;
  };
}
