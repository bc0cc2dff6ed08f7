import { SCOPES, isScope } from '../../api/auth/scopes.ts';
import { displayPrefix, hashToken, newToken } from '../../api/auth/token-secret.ts';
import { listApiTokens } from '../../db/queries/api-tokens.ts';
import { insertApiToken, revokeApiToken } from '../../db/repos/api-tokens-repo.ts';
import type { Deps } from '../../deps.ts';
import { assertNoFieldErrors, DomainError, type FieldError } from '../../domain/errors.ts';
import type { Viewer } from '../env.ts';
import { assertAdmin } from './settings.ts';

type Form = Record<string, string | File | (string | File)[]>;
const strings = (v: Form[string] | undefined): string[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');

/** The workspace's API tokens for the settings page (admins only). */
export async function tokensOf(deps: Deps, v: Viewer) {
  assertAdmin(v);
  return listApiTokens(deps.db, v.workspace.id);
}

/**
 * Creates a token from the settings form: a name, scopes and a per-minute limit. Returns the
 * token itself, to be shown once: only its SHA-256 is stored.
 */
export async function createTokenFromForm(deps: Deps, v: Viewer, form: Form): Promise<string> {
  assertAdmin(v);
  const name = (strings(form.name)[0] ?? '').trim();
  const scopes = [...new Set(strings(form.scopes))].filter(isScope);
  const rateText = (strings(form.rateLimit)[0] ?? '').trim();
  const rateLimit = rateText === '' ? 600 : /^\d+$/.test(rateText) ? Number(rateText) : Number.NaN;
  const problems: FieldError[] = [];
  if (!name || name.length > 100) problems.push({ field: 'tokenName', key: 'web.tokens.name_required' });
  if (scopes.length === 0) problems.push({ field: 'scopes', key: 'web.tokens.scope_required' });
  if (!Number.isInteger(rateLimit) || rateLimit < 1 || rateLimit > 10_000) problems.push({ field: 'rateLimit', key: 'web.tokens.rate_invalid' });
  assertNoFieldErrors(problems);
  const token = newToken();
  await insertApiToken(deps.db, { workspaceId: v.workspace.id, name, tokenHash: await hashToken(token), prefix: displayPrefix(token), scopes: SCOPES.filter((s) => scopes.includes(s)), rateLimit, createdBy: v.person.id, now: deps.clock.now() });
  return token;
}

/** Revokes a token of the admin's workspace; another workspace's (or a revoked one) is not found. */
export async function revokeToken(deps: Deps, v: Viewer, id: string): Promise<void> {
  assertAdmin(v);
  if (!(await revokeApiToken(deps.db, v.workspace.id, id, v.person.id, deps.clock.now()))) throw new DomainError('not_found', 'error.not_found');
}
