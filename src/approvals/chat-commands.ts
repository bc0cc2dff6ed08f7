/**
 * The approval commands typed in chat, once for Slack and Feishu: `nudge` (催办 the reviewers
 * of your waiting outcomes), `handover [n] @person reason` (转交 a review waiting for you) and
 * `away FROM UNTIL @stand-in` / `away off` (out of office; an admin may put `@person` first).
 * Each platform only reads mentions and renders the answer lines.
 */
import { listAwaitingReview, listMyOutcomes } from '../db/queries/outcomes.ts';
import { createApprovalStore } from '../db/repos/approval-store.ts';
import type { Deps } from '../deps.ts';
import { delegateReview } from '../domain/delegate-review.ts';
import { DomainError } from '../domain/errors.ts';
import { nudgeReviewer } from '../domain/nudge-reviewer.ts';
import type { PersonRef, WorkspaceContext } from '../domain/ports.ts';
import { setAway } from '../domain/set-away.ts';
import type { TextLine } from '../delivery/kinds/views.ts';

export const APPROVAL_COMMANDS = new Set(['nudge', 'handover', 'away']);

export interface ChatScope {
  deps: Deps;
  workspace: WorkspaceContext;
  installedBy: string | null;
  /** The person a mention token names (created on first sight); null when the word is no mention. */
  personOf(word: string): Promise<PersonRef | null>;
  /** Whether the actor is the platform's own admin (asked only when an admin right is needed). */
  isPlatformAdmin(): Promise<boolean>;
}

/** A domain refusal as answer lines: each field's problem, or the error's own message. */
export function refusalLines(err: unknown): TextLine[] {
  if (!(err instanceof DomainError)) throw err;
  return err.fields.length ? err.fields.map((f) => ({ key: f.key, ...(f.params ? { params: f.params } : {}) })) : [{ key: err.messageKey, params: err.params }];
}

/** Runs `nudge`, `handover` or `away` for `actor`; the answer's lines (never silence). */
export async function runApprovalCommand(s: ChatScope, actor: PersonRef, sub: string, args: string[]): Promise<TextLine[]> {
  try {
    if (sub === 'nudge') return await nudgeAll(s, actor);
    if (sub === 'handover') return await handOver(s, actor, args);
    return await away(s, actor, args);
  } catch (err) {
    return refusalLines(err);
  }
}

/** Nudges the reviewers of each of the actor's waiting outcomes, each at most once a day. */
async function nudgeAll(s: ChatScope, actor: PersonRef): Promise<TextLine[]> {
  const mine = (await listMyOutcomes(s.deps.db, s.workspace.id, actor.id, 50)).filter((o) => o.status === 'submitted' || o.status === 'manager_approved');
  if (!mine.length) return [{ key: 'approval.nudge_none_pending' }];
  const store = createApprovalStore(s.deps.db);
  const lines: TextLine[] = [];
  for (const o of mine) {
    try {
      await nudgeReviewer({ ctx: s.deps.verbs, store, input: { workspace: s.workspace, outcomeId: o.id, actor } });
      lines.push({ key: 'approval.nudged', params: { title: o.title } });
    } catch (err) {
      lines.push(...refusalLines(err).map((l) => ({ ...l, params: { ...l.params, title: o.title } })));
    }
  }
  return lines;
}

/** `handover [n] @person reason…`: n numbers the reviews waiting for the actor, oldest first. */
async function handOver(s: ChatScope, actor: PersonRef, args: string[]): Promise<TextLine[]> {
  const numbered = /^\d{1,3}$/.test(args[0] ?? '') ? Number(args.shift()) : null;
  const waiting = await listAwaitingReview(s.deps.db, s.workspace.id, actor.id, false, 50);
  if (!waiting.length) return [{ key: 'approval.delegate_none' }];
  const picked = numbered !== null ? waiting[numbered - 1] : waiting.length === 1 ? waiting[0] : undefined;
  if (!picked) return [{ key: 'approval.delegate_which' }];
  const to = await s.personOf(args[0] ?? '');
  const reason = args.slice(1).join(' ');
  const { to: person } = await delegateReview({
    ctx: s.deps.verbs,
    store: createApprovalStore(s.deps.db),
    input: { workspace: s.workspace, installedBy: s.installedBy, outcomeId: picked.id, actor: { ...actor, isPlatformAdmin: false }, toId: to?.id ?? null, reason, round: picked.round },
  });
  return [{ key: 'approval.delegated', params: { title: picked.title, name: { at: person.address } } }];
}

/** `away FROM UNTIL @stand-in`, `away @person FROM UNTIL @stand-in` (admins), `away off` / `away @person off`. */
async function away(s: ChatScope, actor: PersonRef, args: string[]): Promise<TextLine[]> {
  const other = args.length && (args.length === 2 || args.length === 4) ? await s.personOf(args[0]!) : null;
  if (other) args = args.slice(1);
  const target = other ?? actor;
  const adminActor = { id: actor.id, address: actor.address, isPlatformAdmin: target.id !== actor.id ? await s.isPlatformAdmin() : false };
  const input = { workspace: s.workspace, installedBy: s.installedBy, actor: adminActor, personId: target.id };
  const store = createApprovalStore(s.deps.db);
  if (args.length === 1 && /^(off|none|clear|取消)$/i.test(args[0]!)) {
    await setAway({ ctx: s.deps.verbs, store, input: { ...input, away: null } });
    return [{ key: 'approval.away_cleared' }];
  }
  if (args.length !== 3) return [{ key: 'approval.away_usage' }];
  const [awayFrom, awayUntil, who] = args as [string, string, string];
  const delegate = await s.personOf(who);
  await setAway({ ctx: s.deps.verbs, store, input: { ...input, away: { delegateId: delegate?.id ?? null, awayFrom, awayUntil } } });
  return [{ key: 'approval.away_set', params: { from: awayFrom, until: awayUntil, name: { at: delegate!.address } } }];
}
