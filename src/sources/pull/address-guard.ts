/**
 * Which URLs a pull may fetch. A source URL is typed by a workspace admin, so without a
 * check it could make the service read its own network (metadata endpoints, the database
 * port, the admin UI of the router). Only https to public addresses is allowed unless the
 * operator turns on SOURCES_ALLOW_PRIVATE_HTTP (tests, closed networks).
 *
 * The check reads the URL's host as written: literal IPs and local names are refused. A
 * public name that resolves to a private address is not caught here (there is no DNS API
 * on Workers, which cannot reach private addresses anyway); on Node put pulls behind an
 * egress proxy if that matters.
 */
import { PullError } from './pull-error.ts';

const LOCAL_NAMES = /(^|\.)(localhost|local|internal|localdomain|home\.arpa)$/i;

function privateV4(host: string): boolean {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
  if (!m) return false;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return a === 0 || a === 10 || a === 127 || a >= 224 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
}

function privateV6(host: string): boolean {
  if (!host.startsWith('[')) return false;
  const ip = host.slice(1, -1).toLowerCase();
  if (ip === '::' || ip === '::1') return true;
  // IPv4-mapped, IPv4-compatible and NAT64 (the URL parser writes ::ffff:127.0.0.1 as
  // ::ffff:7f00:1): judge the IPv4 inside.
  const mapped = /^(?:::ffff:|::|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(ip);
  if (mapped) {
    const [hi, lo] = [parseInt(mapped[1]!, 16), parseInt(mapped[2]!, 16)];
    return privateV4(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
  }
  return /^f[cd]/.test(ip) || /^fe[89ab]/.test(ip) || ip.startsWith('ff');
}

/** True for loopback, private, link-local, CGNAT, multicast and local-name hosts. */
export function isPrivateHost(hostname: string): boolean {
  // A fully qualified name's trailing dot (`localhost.`) names the same host.
  const host = hostname.replace(/\.+$/, '');
  return host === '' || LOCAL_NAMES.test(host) || privateV4(host) || privateV6(host);
}

/** The URL to fetch, or a PullError saying why it may not be fetched. */
export function checkPullUrl(raw: string, allowPrivate: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new PullError('the URL is not valid');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new PullError(`only https URLs can be pulled (not ${url.protocol.slice(0, -1)})`);
  if (allowPrivate) return url;
  if (url.protocol !== 'https:') throw new PullError('only https URLs can be pulled (plain http is off on this server)');
  if (isPrivateHost(url.hostname)) throw new PullError(`${url.hostname} is a private or local address; pulls only reach public hosts`);
  return url;
}
