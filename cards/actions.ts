/**
 * The one codec for what a card button carries (Slack `value`, Feishu `behaviors.value`).
 * Inbound values are untrusted: decode validates shape and types, and anything else is null.
 */

export type CardAction =
  | { a: 'approve' | 'request_changes' | 'reject'; o: string; r: number; s: 'manager' | 'pmo' }
  | { a: 'edit'; o: string; r: number }
  | { a: 'open'; o: string }
  /** An NPS answer: survey id and the score 0–10. */
  | { a: 'nps'; s: string; v: number }
  /** A questionnaire survey: open its form (Slack) or submit it (Feishu). */
  | { a: 'svy'; s: string }
  /** Record the follow-up review of one review schedule. */
  | { a: 'review'; r: string }
  /** Feishu: submit the "start an NPS survey" form card; the nonce makes a double submit start one survey. */
  | { a: 'nps_start'; n: string }
  /** Feishu: submit the outcome form card (a new outcome, or round `r`'s edit); the nonce makes a double submit store once. */
  | { a: 'submit'; n: string }
  | { a: 'resubmit'; o: string; r: number; n: string }
  /** Lessons about outcome `o` (复盘): open the form (Slack) or submit it (Feishu). */
  | { a: 'lesson'; o: string }
  /** Mark retrospective action `x` done. */
  | { a: 'retro_done'; x: string };

const DECISIONS = new Set(['approve', 'request_changes', 'reject']);
const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Compact JSON, well under Slack's 2000-character button value limit. */
export function encodeAction(action: CardAction): string {
  return JSON.stringify(action);
}

/** The action, or null for anything malformed, forged or from an older format. */
export function decodeAction(raw: unknown): CardAction | null {
  let v: unknown = raw;
  if (typeof raw === 'string') {
    if (raw.length > 2000) return null;
    try {
      v = JSON.parse(raw);
    } catch {
      return null;
    }
  }
  if (!v || typeof v !== 'object') return null;
  const x = v as Record<string, unknown>;
  const id = (k: string) => {
    const value = x[k];
    return typeof value === 'string' && ID.test(value);
  };
  if (x.a === 'nps') return id('s') && typeof x.v === 'number' && Number.isInteger(x.v) && x.v >= 0 && x.v <= 10 ? { a: 'nps', s: x.s as string, v: x.v } : null;
  if (x.a === 'svy') return id('s') ? { a: 'svy', s: x.s as string } : null;
  if (x.a === 'review') return id('r') ? { a: 'review', r: x.r as string } : null;
  if (x.a === 'nps_start') return id('n') ? { a: 'nps_start', n: x.n as string } : null;
  if (x.a === 'submit') return id('n') ? { a: 'submit', n: x.n as string } : null;
  if (x.a === 'lesson') return id('o') ? { a: 'lesson', o: x.o as string } : null;
  if (x.a === 'retro_done') return id('x') ? { a: 'retro_done', x: x.x as string } : null;
  if (typeof x.o !== 'string' || !ID.test(x.o)) return null;
  const round = typeof x.r === 'number' && Number.isInteger(x.r) && x.r >= 1 ? x.r : null;
  if (x.a === 'resubmit') return round && id('n') ? { a: 'resubmit', o: x.o, r: round, n: x.n as string } : null;
  if (typeof x.a === 'string' && DECISIONS.has(x.a) && round && (x.s === 'manager' || x.s === 'pmo'))
    return { a: x.a as 'approve', o: x.o, r: round, s: x.s };
  if (x.a === 'edit' && round) return { a: 'edit', o: x.o, r: round };
  if (x.a === 'open') return { a: 'open', o: x.o };
  return null;
}
