/**
 * Reads a modal's private_metadata. It round-trips through Slack, so it is untrusted:
 * `pick` validates the parsed object; anything that is not a JSON object is null.
 */
export function readMetadata<T>(raw: string | undefined, pick: (m: Record<string, unknown>) => T | null): T | null {
  try {
    const m: unknown = JSON.parse(raw ?? '');
    return m && typeof m === 'object' && !Array.isArray(m) ? pick(m as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
