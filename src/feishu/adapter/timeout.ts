/**
 * Bounds an Open API call that runs inside a request Feishu gives 3 seconds (a card
 * callback): past `ms` it counts as unanswered and the caller falls back.
 */
export function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** Past this a lookup inside a card callback counts as unanswered. */
export const LOOKUP_TIMEOUT_MS = 2_000;
