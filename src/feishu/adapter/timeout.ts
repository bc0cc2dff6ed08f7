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

/**
 * All the directory calls of one card callback together (contact, chat members) get this
 * long, started side by side: with Feishu's 3 seconds, the rest of the callback keeps the
 * remainder, however slow the directory is.
 */
export const DIRECTORY_BUDGET_MS = 1_500;

/** One shared deadline for the directory calls of a callback (see {@link DIRECTORY_BUDGET_MS}). */
export interface LookupBudget {
  /** `p`, or a rejection once the shared deadline has passed. */
  bound<T>(p: Promise<T>): Promise<T>;
}

/** A budget whose deadline is `ms` from now (real time: it bounds what Feishu waits for). */
export function lookupBudget(ms: number = DIRECTORY_BUDGET_MS): LookupBudget {
  const deadline = Date.now() + ms;
  return { bound: (p) => withTimeout(p, Math.max(0, deadline - Date.now())) };
}

/** Calls outside a callback: each bounded on its own, as before. */
export const ownTimeout: LookupBudget = { bound: (p) => withTimeout(p, LOOKUP_TIMEOUT_MS) };
