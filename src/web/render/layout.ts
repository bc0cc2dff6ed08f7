import type { Context } from 'hono';
import { assetUrl } from '../assets/serve.ts';
import type { Viewer } from '../env.ts';
import { h, type Html } from './html.ts';
import type { Kit } from './kit.ts';

export type NavKey = 'portfolio' | 'value' | 'nps' | 'reviews' | 'my' | 'settings' | 'approvals' | 'audit' | 'delivery' | 'retros' | 'knowledge' | 'okr';

export interface Page {
  title: string;
  body: Html;
  active?: NavKey;
  /** Pages with charts load uPlot and the chart script. */
  charts?: boolean;
  /** Extra script URLs (the Feishu sign-in page). */
  scripts?: string[];
}

const NAV: { key: NavKey; href: string; label: string; adminOnly?: boolean }[] = [
  { key: 'portfolio', href: '/app/portfolio', label: 'web.nav.portfolio' },
  { key: 'value', href: '/app/value', label: 'web.nav.value' },
  { key: 'nps', href: '/app/nps', label: 'web.nav.nps' },
  { key: 'reviews', href: '/app/reviews', label: 'web.nav.reviews' },
  { key: 'my', href: '/app/my', label: 'web.nav.my' },
  { key: 'approvals', href: '/app/approvals', label: 'webact.nav' },
  { key: 'knowledge', href: '/app/knowledge', label: 'web.nav.knowledge' },
  { key: 'retros', href: '/app/retros', label: 'web.retro.title' },
  { key: 'okr', href: '/app/okr', label: 'okr.title' },
  { key: 'settings', href: '/app/settings', label: 'web.nav.settings', adminOnly: true },
  { key: 'audit', href: '/app/audit', label: 'web.nav.audit', adminOnly: true },
  { key: 'delivery', href: '/app/delivery', label: 'web.nav.delivery', adminOnly: true },
];

/** The current URL with another ?lang=, for the language switch. */
function langHref(c: Context, lang: string): string {
  const url = new URL(c.req.url);
  url.searchParams.set('lang', lang);
  return `${url.pathname}${url.search}`;
}

function header(c: Context, kit: Kit, viewer: Viewer | null): Html {
  const other = kit.locale === 'en' ? { lang: 'zh-CN', label: '中文' } : { lang: 'en', label: 'English' };
  return h`<header class="top">
  <a class="brand" href="/app">Outcome</a>
  ${viewer ? h`<span class="muted small">${viewer.workspace.name || viewer.workspace.externalId}</span>` : ''}
  <span class="who">
    <a href="${langHref(c, other.lang)}" lang="${other.lang}" data-testid="lang-switch">${other.label}</a>
    ${viewer
      ? h`<span data-testid="viewer-name">${viewer.person.name || viewer.person.platformUserId}</span>
    <form method="post" action="/auth/signout"><button class="link" type="submit">${kit.t('web.signout')}</button></form>`
      : ''}
  </span>
</header>`;
}

function nav(kit: Kit, viewer: Viewer, active?: NavKey): Html {
  const items = NAV.filter((n) => !n.adminOnly || viewer.roles.admin);
  return h`<nav class="main" aria-label="${kit.t('web.nav.label')}">${items.map(
    (n) => h`<a href="${n.href}"${n.key === active ? h` aria-current="page"` : ''}>${kit.t(n.label)}</a>`,
  )}<a href="/app/export.csv" data-testid="export-link">${kit.t('web.nav.export')}</a><a href="/app/export.xlsx" data-testid="export-xlsx-link">${kit.t('web.nav.export_xlsx')}</a></nav>`;
}

/** A whole HTML document: header, navigation (when signed in), the page body and its scripts. */
export function renderPage(c: Context, kit: Kit, viewer: Viewer | null, page: Page): Html {
  const scripts = [...(page.charts ? [assetUrl('uplot.js'), assetUrl('charts.js')] : []), ...(page.scripts ?? [])];
  return h`<!DOCTYPE html>
<html lang="${kit.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} · Outcome</title>
<link rel="icon" href="${assetUrl('icon.svg')}" type="image/svg+xml">
<link rel="stylesheet" href="${assetUrl('app.css')}">
${page.charts ? h`<link rel="stylesheet" href="${assetUrl('uplot.css')}">` : ''}
</head>
<body>
${header(c, kit, viewer)}
${viewer?.via === 'local' ? h`<div class="banner" role="status">${kit.t('web.local.banner')}</div>` : ''}
${viewer ? nav(kit, viewer, page.active) : ''}
<main>
<h1>${page.title}</h1>
${page.body}
</main>
${scripts.map((s) => h`<script src="${s}" defer></script>`)}
</body>
</html>`;
}
