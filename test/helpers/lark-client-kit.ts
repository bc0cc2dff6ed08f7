/**
 * Options that make `@larksuiteoapi/node-sdk` clients behave in tests:
 * - its default token cache is one process-wide map keyed by appId, so two clients with the
 *   same appId against two fakes would share a tenant token the second fake never issued —
 *   give each client its own {@link larkMemoryCache};
 * - `loggerLevel: LoggerLevel.fatal` is 0 and the SDK does `level || info`, so it is ignored —
 *   pass {@link silentLarkLogger} instead;
 * - the SDK times its cached tenant token with the real clock: after moving a fake's clock
 *   past the token's 2 h life, use a new client (new cache) or the fake answers 99991663.
 */

/** The SDK's cache contract (`Cache` in its types). */
export interface LarkCache {
  set(key: string | Symbol, value: unknown, expire?: number, options?: { namespace?: string }): Promise<boolean>;
  get(key: string | Symbol, options?: { namespace?: string }): Promise<unknown>;
}

/** A fresh in-memory token cache (expiry in epoch ms, as the SDK passes it). */
export function larkMemoryCache(): LarkCache {
  const values = new Map<string, { value: unknown; expire: number | undefined }>();
  const keyOf = (key: string | Symbol, namespace?: string) => `${namespace ?? ''}/${String(key)}`;
  return {
    async set(key, value, expire, options) {
      values.set(keyOf(key, options?.namespace), { value, expire });
      return true;
    },
    async get(key, options) {
      const entry = values.get(keyOf(key, options?.namespace));
      if (!entry) return undefined;
      return entry.expire === undefined || entry.expire > Date.now() ? entry.value : undefined;
    },
  };
}

const noop = (): void => {};

/** A logger that drops everything (the SDK logs every failed request at error level). */
export const silentLarkLogger = { error: noop, warn: noop, info: noop, debug: noop, trace: noop };
