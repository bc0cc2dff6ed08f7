/**
 * Text commands sent to the bot (Feishu has no slash commands, platform-facts §2.4). The
 * message text names mentioned people by placeholder (`@_user_1`); placeholders become
 * `<@open_id>` tokens, the leading ones (the @bot in a group) are dropped, and what is
 * left must start with `/outcome`.
 */

export interface Mention {
  key: string;
  id?: { open_id?: string };
}

export type Command =
  | { kind: 'form' }
  | { kind: 'list' }
  | { kind: 'help' }
  | { kind: 'admin'; args: string[] }
  | { kind: 'nps' }
  | { kind: 'nps_results' }
  | { kind: 'report' }
  /** nudge, handover, away (src/approvals/chat-commands.ts). */
  | { kind: 'approvals'; sub: string; args: string[] }
  | { kind: 'unknown'; text: string };

const TOKEN = /^<@(ou_[A-Za-z0-9_-]+)>$/;

/** Replaces mention placeholders with `<@open_id>` (longest keys first, so @_user_10 is not read as @_user_1). */
export function resolveMentions(text: string, mentions: Mention[] = []): string {
  const sorted = [...mentions].filter((m) => m.key && m.id?.open_id).sort((a, b) => b.key.length - a.key.length);
  let out = text;
  for (const m of sorted) out = out.split(m.key).join(` <@${m.id!.open_id}> `);
  return out;
}

/** The open_id of a `<@open_id>` token, else null. */
export function mentionedId(token: string): string | null {
  return TOKEN.exec(token)?.[1] ?? null;
}

/** Parses what the member typed. Anything that is not a known command is `unknown` (answered with help). */
export function parseCommand(text: string, mentions: Mention[] = []): Command {
  const words = resolveMentions(text, mentions).trim().split(/\s+/).filter(Boolean);
  while (words.length && mentionedId(words[0]!)) words.shift();
  const original = words.join(' ');
  const head = (words.shift() ?? '').toLowerCase().replace(/^／/, '/');
  if (head !== '/outcome' && head !== 'outcome') return { kind: 'unknown', text: original };
  const sub = (words[0] ?? '').toLowerCase();
  if (sub === '') return { kind: 'form' };
  if (sub === 'new' || sub === 'submit') return { kind: 'form' };
  if (sub === 'list') return { kind: 'list' };
  if (sub === 'help') return { kind: 'help' };
  if (sub === 'admin') return { kind: 'admin', args: words.slice(1) };
  if (sub === 'nps' && words.length === 1) return { kind: 'nps' };
  if (sub === 'nps' && words.length === 2 && words[1]!.toLowerCase() === 'results') return { kind: 'nps_results' };
  if (sub === 'report' && words.length === 1) return { kind: 'report' };
  if (sub === 'nudge' || sub === 'handover' || sub === 'away') return { kind: 'approvals', sub, args: words.slice(1) };
  return { kind: 'unknown', text: original };
}
