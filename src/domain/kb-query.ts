/**
 * Knowledge-base query text: what the user typed, turned into an FTS5 trigram MATCH expression
 * (terms of 3 or more characters) and LIKE terms (1–2 characters, which a trigram index cannot
 * match: "效率", "UX"). Pure: the SQL lives in src/db/queries/kb-search.ts.
 */

/** Longer input is cut here: a search box, not a document. */
export const MAX_QUERY_CHARS = 200;
/** At most this many terms are used (each one is a phrase or a LIKE in the query). */
export const MAX_TERMS = 8;
/** The trigram tokenizer matches nothing shorter than this. */
export const TRIGRAM = 3;

/** Snippet markers FTS5 puts around a hit: private-use characters, so user text cannot fake HTML. */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';

export interface SearchTerms {
  /** Terms of ≥ 3 characters, matched as FTS5 phrases (all must match). */
  phrases: string[];
  /** Terms of 1–2 characters, matched with LIKE (all must match). */
  short: string[];
}

const chars = (s: string): number => [...s].length;

/** Splits the query on white space; NFKC folds full-width letters and digits so "ＡＢＣ" finds "ABC". */
export function searchTerms(q: string): SearchTerms {
  const text = q.normalize('NFKC').replace(new RegExp(`[${MARK_START}${MARK_END}]`, 'g'), '').slice(0, MAX_QUERY_CHARS);
  const terms = [...new Set(text.split(/\s+/).filter(Boolean))].slice(0, MAX_TERMS);
  return { phrases: terms.filter((t) => chars(t) >= TRIGRAM), short: terms.filter((t) => chars(t) < TRIGRAM) };
}

/** An FTS5 string: inside double quotes every character is literal but `"`, which is doubled. */
const phrase = (t: string): string => `"${t.replace(/"/g, '""')}"`;

/** The MATCH expression of the phrases (implicit AND), or null when there are none. */
export function matchExpression(phrases: readonly string[]): string | null {
  return phrases.length ? phrases.map(phrase).join(' ') : null;
}

/** A LIKE pattern finding `term` anywhere (escape character `\`). */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const STOP = new Set(['the', 'and', 'for', 'with', 'from', 'into', 'our', 'per', 'via', 'new', 'all']);
/** Similar-outcome queries use at most this many terms. */
export const MAX_SIMILARITY_TERMS = 24;

/**
 * A text's distinctive pieces as MATCH phrases, for "more like this": each word of 3+ letters,
 * and each 3-character window of a Chinese run (Chinese has no spaces; trigram windows are what
 * the index holds), at most {@link MAX_SIMILARITY_TERMS}.
 */
export function similarityPieces(text: string): string[] {
  const words = text.normalize('NFKC').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const pieces: string[] = [];
  for (const w of words) {
    const cs = [...w];
    if (CJK.test(w) && cs.length > TRIGRAM) for (let i = 0; i + TRIGRAM <= cs.length; i++) pieces.push(cs.slice(i, i + TRIGRAM).join(''));
    else if (cs.length >= TRIGRAM && !STOP.has(w)) pieces.push(w);
  }
  return [...new Set(pieces)].slice(0, MAX_SIMILARITY_TERMS).map(phrase);
}

/** An OR expression of pieces: bm25 then ranks documents sharing more, and rarer, pieces higher. */
export function similarityExpression(text: string | readonly string[]): string | null {
  const pieces = typeof text === 'string' ? similarityPieces(text) : text;
  return pieces.length ? pieces.join(' OR ') : null;
}

/** A piece of a snippet: text, and whether it is a hit (shown highlighted). */
export interface Segment {
  text: string;
  hit: boolean;
}

/** Splits text carrying {@link MARK_START}/{@link MARK_END} markers into segments (adjacent same-kind pieces merged). */
export function markedSegments(marked: string): Segment[] {
  const out: Segment[] = [];
  let hit = false;
  let buf = '';
  const flush = () => {
    if (!buf) return;
    const last = out.at(-1);
    if (last && last.hit === hit) last.text += buf;
    else out.push({ text: buf, hit });
    buf = '';
  };
  for (const c of marked) {
    if (c === MARK_START || c === MARK_END) {
      flush();
      hit = c === MARK_START;
    } else buf += c;
  }
  flush();
  return out;
}

/**
 * A snippet for the LIKE path (FTS5's snippet() needs a MATCH): about `width` characters around
 * the first hit of any term, every hit marked. Null when no term occurs in `text`.
 */
export function snippetAround(text: string, terms: readonly string[], width = 60): Segment[] | null {
  const cs = [...text];
  const lower = cs.map((c) => c.toLowerCase());
  const needles = terms.filter(Boolean).map((t) => [...t.toLowerCase()]);
  const hitAt = (i: number) => needles.find((n) => n.every((c, k) => lower[i + k] === c));
  let first = -1;
  for (let i = 0; i < cs.length && first < 0; i++) if (hitAt(i)) first = i;
  if (first < 0) return null;
  const start = Math.max(0, first - Math.floor(width / 3));
  const end = Math.min(cs.length, start + width);
  let marked = start > 0 ? '…' : '';
  for (let i = start; i < end; ) {
    const n = hitAt(i);
    if (n) {
      marked += MARK_START + cs.slice(i, i + n.length).join('') + MARK_END;
      i += n.length;
    } else marked += cs[i++];
  }
  return markedSegments(end < cs.length ? `${marked}…` : marked);
}
