/**
 * A pull that failed for a reason the admin can act on. Its message is what the metric
 * and the Settings page show as the source's last error, so it is short and human:
 * "timed out after 10 s", "HTTP 500", "JSON path $.x matched nothing".
 */
export class PullError extends Error {
  override readonly name = 'PullError';
}

/** The text stored as a source's last error: ours as it is, anything else clipped (never a stack). */
export function errorText(err: unknown): string {
  const text = err instanceof PullError ? err.message : `unexpected error: ${err instanceof Error ? err.message : String(err)}`;
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}
