import type { Context } from 'hono';
import type { Deps } from '../../deps.ts';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/** The socket's peer address on Node (@hono/node-server passes the IncomingMessage as env.incoming). */
function remoteAddress(c: Context): string | undefined {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress;
}

/**
 * Local sign-in (pick any person, no password) is for a newcomer's `npm start` only. It is
 * allowed when no platform is configured AND the request is addressed to localhost AND,
 * on Node, comes from a loopback socket. The Host check alone could be forged by a
 * neighbour on the network (the server listens on 0.0.0.0), and the socket check alone
 * would let a page on another site reach localhost through DNS rebinding; both must hold.
 * On Workers there is no socket: a deployed Worker is never addressed as localhost, so the
 * Host check suffices there (it admits `wrangler dev`).
 */
export function localSignInAllowed(c: Context, deps: Deps): boolean {
  if (deps.config.slack || deps.config.feishu) return false;
  const host = new URL(c.req.url).hostname;
  const hostHeader = (c.req.header('host') ?? '').replace(/:\d+$/, '');
  if (!LOOPBACK_HOSTS.has(host) || !LOOPBACK_HOSTS.has(hostHeader)) return false;
  if (deps.runtime === 'workers') return true;
  return isLoopbackAddress(remoteAddress(c));
}
