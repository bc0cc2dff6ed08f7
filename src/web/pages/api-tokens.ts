import { SCOPES } from '../../api/auth/scopes.ts';
import type { FieldError } from '../../domain/errors.ts';
import { scrollTable } from '../render/bits.ts';
import { h, type Html } from '../render/html.ts';
import type { Kit } from '../render/kit.ts';

export interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  rateLimit: number;
  lastUsedAt: Date | null;
  createdAt: Date;
  revokedAt: Date | null;
}

export interface TokensView {
  tokens: TokenRow[];
  /** A token just created: shown this once. */
  created?: string;
  problems?: FieldError[];
}

const errorsOf = (kit: Kit, problems: FieldError[], field: string) => problems.filter((p) => p.field === field).map((p) => h`<span class="error" role="alert">${kit.t(p.key, p.params)}</span>`);

/** The API tokens part of the settings page: the list (revoke buttons) and the create form. */
export function tokensSection(kit: Kit, v: TokensView): Html {
  const p = v.problems ?? [];
  const head = h`<tr><th>${kit.t('web.tokens.name')}</th><th>${kit.t('web.tokens.scopes')}</th><th>${kit.t('web.tokens.rate_limit')}</th><th>${kit.t('web.tokens.created_at')}</th><th>${kit.t('web.tokens.last_used')}</th><th></th></tr>`;
  const rows = v.tokens.map(
    (t) =>
      h`<tr data-testid="token-row"><td>${t.name} <code class="muted small">${t.prefix}…</code></td><td>${t.scopes.join(', ')}</td><td>${t.rateLimit}</td><td>${kit.dateTime(t.createdAt)}</td><td>${t.lastUsedAt ? kit.dateTime(t.lastUsedAt) : kit.t('web.tokens.never')}</td><td>${
        t.revokedAt
          ? h`<span class="muted">${kit.t('web.tokens.revoked')}</span>`
          : h`<form method="post" action="/app/settings/tokens/${t.id}/revoke"><button type="submit" data-testid="revoke-token">${kit.t('web.tokens.revoke')}</button></form>`
      }</td></tr>`,
  );
  return h`<section class="card" data-testid="api-tokens"><h2>${kit.t('web.tokens.title')}</h2><p class="hint muted small">${kit.t('web.tokens.hint')}</p>
${v.created ? h`<div class="alert ok" role="status">${kit.t('web.tokens.created')} <code data-testid="new-token">${v.created}</code></div>` : ''}
${v.tokens.length ? scrollTable(head, rows, 'tokens') : h`<p class="muted">${kit.t('web.tokens.none')}</p>`}
<form method="post" action="/app/settings/tokens" data-testid="token-form">
<div class="field"><label for="tokenName">${kit.t('web.tokens.name')}</label><input id="tokenName" name="name" maxlength="100">${errorsOf(kit, p, 'tokenName')}</div>
<div class="field"><span>${kit.t('web.tokens.scopes')}</span><div class="checks">${SCOPES.map((s) => h`<label><input type="checkbox" name="scopes" value="${s}"> ${s}</label>`)}</div>${errorsOf(kit, p, 'scopes')}</div>
<div class="field"><label for="rateLimit">${kit.t('web.tokens.rate_limit')}</label><input id="rateLimit" name="rateLimit" type="number" min="1" max="10000" value="600">${errorsOf(kit, p, 'rateLimit')}</div>
<button type="submit" data-testid="create-token">${kit.t('web.tokens.create')}</button>
</form></section>`;
}
