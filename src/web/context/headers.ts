import type { MiddlewareHandler } from 'hono';

/** Where Feishu serves its H5 JSSDK (platform-facts §2.6); allowed only on the Feishu sign-in page. */
export const FEISHU_SDK_ORIGIN = 'https://lf-scm-cn.feishucdn.com';
export const FEISHU_SDK_URL = `${FEISHU_SDK_ORIGIN}/lark/op/h5-js-sdk-1.5.44.js`;

/**
 * The Content-Security-Policy of every mini-app response: scripts and styles only from this
 * server (no inline code at all: chart data travels in JSON blocks, which are not executed),
 * no plugins, no foreign frames except the Feishu/Lark clients that host the web app.
 */
export function contentSecurityPolicy(extraScriptOrigins: readonly string[] = []): string {
  return [
    "default-src 'none'",
    `script-src 'self'${extraScriptOrigins.map((o) => ` ${o}`).join('')}`,
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'self' https://*.feishu.cn https://*.larksuite.com",
  ].join('; ');
}

/** Security headers on every /app, /api and /auth response; pages may widen script-src via `c.header`. */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  if (!c.res.headers.has('content-security-policy')) c.res.headers.set('content-security-policy', contentSecurityPolicy());
  c.res.headers.set('x-content-type-options', 'nosniff');
  c.res.headers.set('referrer-policy', 'same-origin');
  // Pages carry personal data: never cache them in shared caches (assets set their own).
  if (!c.res.headers.has('cache-control')) c.res.headers.set('cache-control', 'private, no-store');
};
