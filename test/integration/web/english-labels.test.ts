import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../../src/i18n/index.ts';
import { O, P, W } from '../../fixtures/web/world.ts';
import { webHarness, type WebHarness } from './harness.ts';

// Han characters, CJK punctuation and full-width forms: none belongs in an English label.
const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+/g;
// The language switch and the language setting name each language in itself, on purpose.
const LANGUAGE_NAMES = new Set(['中文', '简体中文']);
/**
 * English texts that quote Chinese on purpose: sample queries showing that search takes Chinese,
 * and the name of a Feishu console permission, which exists only in Chinese.
 */
const QUOTES_CHINESE = new Set(['web.kb.placeholder', 'okr.blocked.scopes']);

/** CJK runs left in `html` after the language names: labels that were not translated. */
const untranslated = (html: string) => (html.match(CJK) ?? []).filter((run) => !LANGUAGE_NAMES.has(run));

/** The local sign-in list, as a browser on this machine sees it (loopback socket, Host: localhost). */
async function localSignIn(h: WebHarness): Promise<string> {
  const req = new Request('http://localhost/auth/local', { headers: { host: 'localhost', 'accept-language': 'en' } });
  const res = await h.app.fetch(req, { incoming: { socket: { remoteAddress: '127.0.0.1' } } });
  expect(res.status).toBe(200);
  return res.text();
}

/** The role labels shown after each person's name (the names themselves are user data). */
const rolesByPerson = (html: string): Record<string, string> => Object.fromEntries([...html.matchAll(/value="([^"]+)">[^<]*<small>([^<]*)<\/small>/g)].map((m) => [m[1]!, m[2]!]));

describe('English pages carry no untranslated labels', () => {
  let h: WebHarness;
  beforeAll(async () => {
    h = await webHarness();
  });
  afterAll(() => h.close());

  // Workspace A's data is all English, so any CJK on its pages comes from a label.
  const PAGES = ['/app/portfolio', `/app/outcomes/${O.member}`, `/app/outcomes/${O.peer}`, '/app/value', '/app/nps', '/app/reviews', '/app/my', '/app/settings', '/auth/signin'];

  it.each(PAGES)('%s in English, for the admin', async (path) => {
    const res = await (await h.as(W.a, P.admin)).get(path, { 'accept-language': 'en' });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="en">');
    expect(untranslated(html)).toEqual([]);
  });

  it('no English message of any surface is written in Chinese', () => {
    expect(Object.entries(messages.en).filter(([key, text]) => !QUOTES_CHINESE.has(key) && untranslated(text).length > 0)).toEqual([]);
  });

  it('the scan catches a Chinese label (the check can fail)', () => {
    expect(untranslated('<small>PMO 审核人</small> <a>中文</a>')).toEqual(['审核人']);
  });

  it('the local sign-in list labels each person by their roles, in English', async () => {
    const roles = rolesByPerson(await localSignIn(h));
    // Ada is an admin; Pat the PMO reviewer; Max manages Mia and Pete; the rest are members.
    expect(roles).toMatchObject({ [P.admin]: 'admin', [P.pmo]: 'PMO reviewer', [P.manager]: 'manager', [P.member]: 'member', [P.peer]: 'member', [P.other]: 'member' });
    for (const label of Object.values(roles)) expect(untranslated(label)).toEqual([]);
  });
});
