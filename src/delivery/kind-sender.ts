import type { Db } from '../db/client.ts';
import { sentCardsOf } from '../db/queries/outbox.ts';
import { workspaceById } from '../db/queries/workspaces.ts';
import type { WorkspaceRow } from '../db/repos/workspace-repo.ts';
import type { Clock } from '../domain/ports.ts';
import type { Log } from '../log.ts';
import { loadOutcomeView } from '../views/outcome-view.ts';
import type { PlatformAdapter, Unsendable, WorkspaceAdapter } from './adapter.ts';
import { KINDS } from './kinds/index.ts';
import type { KindContext, NotificationKind, SentSelector } from './kinds/types.ts';
import { resolveRecipient, workspaceReader, type Recipient } from './recipient.ts';
import type { OutboxRow, Sender, SendResult } from './types.ts';

export interface KindSenderDeps {
  db: Db;
  clock: Clock;
  log: Log;
  publicUrl: string;
}

/** How long to wait when a card to update is itself still being posted. */
export const CARD_IN_FLIGHT_RETRY_MS = 5_000;

const isUnsendable = (m: unknown): m is Unsendable => typeof m === 'object' && m !== null && 'unsendable' in m;
const fail = (error: string): SendResult => ({ ok: false, error, permanent: true });

/** The context kind modules load with, on one workspace of one platform. */
function kindContext(deps: KindSenderDeps, adapter: PlatformAdapter, conn: WorkspaceAdapter, ws: WorkspaceRow): KindContext {
  return {
    db: deps.db,
    clock: deps.clock,
    publicUrl: deps.publicUrl,
    async outcome(workspaceId, outcomeId, timeZone) {
      const forecast = { threshold: ws.settings.shortfallThreshold, now: deps.clock.now() };
      const view = await loadOutcomeView(deps.db, workspaceId, outcomeId, { timeZone, publicUrl: deps.publicUrl, forecast });
      return view && conn.outcome ? conn.outcome(view) : view;
    },
    form: async (...args) => (conn.form ? conn.form(...args) : null),
    submitSurfaceShowsReceipt: adapter.submitSurfaceShowsReceipt,
  };
}

/** A connected workspace: what every step of one send shares. */
interface Session {
  deps: KindSenderDeps;
  ws: WorkspaceRow;
  conn: WorkspaceAdapter;
  ctx: KindContext;
  kinds: Readonly<Record<string, NotificationKind>>;
}

const recipientOf = (s: Session, kind: NotificationKind, to: { personId: string | null; address: string }): Promise<Recipient> =>
  kind.audience === 'workspace'
    ? Promise.resolve(workspaceReader(s.ws, to.address, s.deps.publicUrl))
    : resolveRecipient(s.deps.db, s.ws, to, { publicUrl: s.deps.publicUrl, discover: s.conn.discover });

/**
 * Updates sent cards in place, each re-rendered as its own kind would render it now for its
 * own reader. A card not yet posted needs nothing (it renders the current state when it goes
 * out); one still being posted asks for a retry. Updating is idempotent, so a transient
 * failure retries the whole set; a message that cannot be updated any more is logged and skipped.
 */
async function refresh(s: Session, selectors: SentSelector[]): Promise<SendResult> {
  const cards = (await Promise.all(selectors.map((x) => sentCardsOf(s.deps.db, s.ws.id, x.kind, x.keyPattern)))).flat();
  if (cards.some((c) => c.status === 'sending')) return { ok: false, error: 'a card is still being posted', retryAfterMs: CARD_IN_FLIGHT_RETRY_MS };
  let updated = 0;
  for (const card of cards) {
    const kind = s.kinds[card.kind];
    const p = kind?.parse(card);
    if (card.status !== 'sent' || !card.result || card.result.skipped || !kind || !p) continue;
    const to = await recipientOf(s, kind, { personId: card.personId, address: card.destination });
    const view = await kind.load(s.ctx, p, to);
    const message = view && s.conn.render(view, to);
    if (!message || isUnsendable(message)) continue;
    const result = await s.conn.update(card.result, message);
    if (result.ok) updated++;
    else if (!result.permanent) return result;
    else s.deps.log('warn', 'a sent card could not be updated', { kind: card.kind, destination: card.destination, error: result.error });
  }
  return { ok: true, result: { updated } };
}

/** Delivers one row of a known kind on a connected workspace. */
async function deliver(s: Session, kind: NotificationKind, row: OutboxRow): Promise<SendResult> {
  const p = kind.parse(row);
  if (p === null) return fail(`malformed ${row.kind} payload`);
  const selectors = kind.refreshes?.(p) ?? [];
  if (selectors.length) {
    const refreshed = await refresh(s, selectors);
    if (!refreshed.ok || !kind.posts) return refreshed;
  }
  const to = await recipientOf(s, kind, { personId: typeof row.payload.personId === 'string' ? row.payload.personId : null, address: row.destination });
  const view = await kind.load(s.ctx, p, to);
  if (!view) return fail(`what this ${row.kind} is about no longer exists`);
  const skip = kind.skipWhen(view, s.ctx);
  if (skip) return { ok: true, result: { skipped: skip } };
  const message = s.conn.render(view, to);
  if (isUnsendable(message)) return fail(`${row.kind}: ${message.unsendable}`);
  return s.conn.post(row.destination, message, row.id);
}

/**
 * The outbox sender of one platform: the kind registry decides what each row loads, whether
 * it is still relevant and who reads it; the platform adapter renders, posts and updates.
 * It never sleeps or retries itself; the drainer does, from what this reports.
 */
export function createKindSender(deps: KindSenderDeps, adapter: PlatformAdapter, kinds: Readonly<Record<string, NotificationKind>> = KINDS): Sender {
  return {
    async send(row) {
      const kind = kinds[row.kind];
      if (!kind) return fail(`no ${adapter.platform} delivery for outbox kind "${row.kind}"`);
      const ws = await workspaceById(deps.db, row.workspaceId);
      if (!ws) return fail('workspace not found');
      const conn = await adapter.connect(ws);
      if ('ok' in conn) return conn;
      return deliver({ deps, ws, conn, ctx: kindContext(deps, adapter, conn, ws), kinds }, kind, row);
    },
  };
}

/**
 * Refreshes the cards `selectors` name on one workspace (e.g. after a survey answer, the
 * person's invite and reminder show their score), outside any outbox row.
 */
export async function refreshSentCards(deps: KindSenderDeps, adapter: PlatformAdapter, ws: WorkspaceRow, selectors: SentSelector[]): Promise<SendResult> {
  const conn = await adapter.connect(ws);
  if ('ok' in conn) return conn;
  return refresh({ deps, ws, conn, ctx: kindContext(deps, adapter, conn, ws), kinds: KINDS }, selectors);
}
