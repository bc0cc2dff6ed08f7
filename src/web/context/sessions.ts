import type { Context } from 'hono';
import type { Config } from '../../config.ts';
import type { Log } from '../../log.ts';
import { cookieHeader, createSessionCodec, readCookie, SESSION_TTL_MS, type Session, type SessionCodec } from '../../security/session.ts';

export const SESSION_COOKIE = 'outcome_session';

/** Over https (directly, or behind a proxy that PUBLIC_URL says is https) cookies get Secure. */
export const isHttps = (c: Context, config: Config): boolean => new URL(c.req.url).protocol === 'https:' || config.publicUrl.startsWith('https:');

/**
 * Session cookies for one app instance. The codec is built on first use from APP_SECRET; without
 * it (local mode) the key is random, held by this instance, so sessions end when the process
 * (or Worker isolate) does — said once in the log.
 */
export function createSessions() {
  let codec: Promise<SessionCodec> | undefined;
  const get = (config: Config, log: Log) =>
    (codec ??= createSessionCodec(config.appSecret).then((k) => {
      if (k.ephemeral) log('warn', 'APP_SECRET is not set: web sessions use a random key and end when the server restarts');
      return k;
    }));
  return {
    /** The signed-in session, or null. */
    async read(c: Context, config: Config, log: Log, now: number): Promise<Session | null> {
      return (await get(config, log)).open(readCookie(c.req.header('cookie'), SESSION_COOKIE), now);
    },
    /** Starts a session: sets the signed cookie on the response being built. */
    async start(c: Context, config: Config, log: Log, s: Omit<Session, 'exp'>, now: number): Promise<void> {
      const value = await (await get(config, log)).seal({ ...s, exp: now + SESSION_TTL_MS });
      c.header('set-cookie', cookieHeader(SESSION_COOKIE, value, { secure: isHttps(c, config), maxAgeSeconds: SESSION_TTL_MS / 1000 }), { append: true });
    },
    /** Ends the session (expires the cookie). */
    end(c: Context, config: Config): void {
      c.header('set-cookie', cookieHeader(SESSION_COOKIE, '', { secure: isHttps(c, config), maxAgeSeconds: 0 }), { append: true });
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;
