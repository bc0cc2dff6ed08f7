import type { OutboxRow } from '../types.ts';
import { read } from './types.ts';

/** A kind's `parse` for a payload that names one thing by id (`{ [key]: id }`); null without it. */
export const payloadId =
  <K extends string>(key: K) =>
  ({ payload }: Pick<OutboxRow, 'payload'>): Record<K, string> | null => {
    const id = read.str(payload[key]);
    return id ? ({ [key]: id } as Record<K, string>) : null;
  };
