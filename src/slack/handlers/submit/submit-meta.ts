import { METRIC_ROWS_MAX } from '../../../../cards/slack/submit-modal.ts';

/** Whether the modal submits a new outcome or resubmits one after changes were requested. */
export type SubmitTarget = { mode: 'submit' } | { mode: 'edit'; o: string; r: number };

/**
 * What the handlers need back from the modal (private_metadata, which Slack returns with every
 * block_actions and view_submission): the target, how many metric rows it shows (`n`), each row's
 * block-id version (`v`, see metricBlock) and template key (`t`), and files kept on edit (`fk`).
 */
export type SubmitMeta = SubmitTarget & { n: number; v: number[]; t: (string | null)[]; fk: number };

const VERSION_MAX = 1_000;
const int = (x: unknown, min: number, max: number, fallback: number): number => (Number.isInteger(x) && (x as number) >= min && (x as number) <= max ? (x as number) : fallback);

/** A fresh modal's metadata: one metric row, nothing chosen. */
export function newSubmitMeta(target: SubmitTarget, rows = 1, filesKept = 0): SubmitMeta {
  const n = int(rows, 1, METRIC_ROWS_MAX, 1);
  return { ...target, n, v: Array<number>(n).fill(0), t: Array<string | null>(n).fill(null), fk: filesKept };
}

/** Parses private_metadata; anything unexpected falls back to a plain new submission with one row. */
export function readSubmitMeta(raw: string | undefined): SubmitMeta {
  let m: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(raw ?? '') as unknown;
    if (parsed && typeof parsed === 'object') m = parsed as Record<string, unknown>;
  } catch {
    /* not ours: treat as new */
  }
  const target: SubmitTarget = m.mode === 'edit' && typeof m.o === 'string' && Number.isInteger(m.r) ? { mode: 'edit', o: m.o, r: m.r as number } : { mode: 'submit' };
  const n = int(m.n, 1, METRIC_ROWS_MAX, 1);
  const v = Array.isArray(m.v) ? m.v : [];
  const t = Array.isArray(m.t) ? m.t : [];
  return {
    ...target,
    n,
    v: Array.from({ length: n }, (_, i) => int(v[i], 0, VERSION_MAX, 0)),
    t: Array.from({ length: n }, (_, i) => (typeof t[i] === 'string' && (t[i] as string).length <= 100 ? (t[i] as string) : null)),
    fk: int(m.fk, 0, 1_000, 0),
  };
}

/** One more metric row (up to the maximum). */
export function withRowAdded(meta: SubmitMeta): SubmitMeta {
  if (meta.n >= METRIC_ROWS_MAX) return meta;
  return { ...meta, n: meta.n + 1, v: [...meta.v, 0], t: [...meta.t, null] };
}

/** Row `row` starts from template `key`: its inputs get new block ids so Slack shows the pre-filled values. */
export function withTemplate(meta: SubmitMeta, row: number, key: string): SubmitMeta {
  return { ...meta, v: meta.v.map((x, i) => (i === row ? x + 1 : x)), t: meta.t.map((x, i) => (i === row ? key : x)) };
}
