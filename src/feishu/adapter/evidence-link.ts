/**
 * Links to evidence files members sent the bot. Feishu cannot link a message resource
 * directly, so reviewers open `/feishu/evidence?…`, which fetches it with the app's
 * token. The link is signed (HMAC-SHA-256 with APP_SECRET over workspace, message and
 * file key and expiry) so nobody can fetch other messages' files through it, and it
 * stops working after 30 days, as Feishu stops accepting clicks on a card then too.
 */

export interface EvidenceRef {
  workspaceId: string;
  messageId: string;
  fileKey: string;
}

/** How long a link works after the card that carries it was rendered. */
export const EVIDENCE_LINK_TTL_MS = 30 * 86_400_000;

const enc = new TextEncoder();

async function hmac(secret: string, text: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const sig = new Uint8Array(await crypto.subtle.sign('HMAC', key, enc.encode(text)));
  return [...sig.slice(0, 20)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const message = (r: EvidenceRef, expires: string) => `feishu-evidence:${r.workspaceId}:${r.messageId}:${r.fileKey}:${expires}`;

/** The signed link to one evidence file, valid for {@link EVIDENCE_LINK_TTL_MS} from `now`. */
export async function evidenceLink(publicUrl: string, secret: string, r: EvidenceRef, now: Date): Promise<string> {
  const x = String(Math.floor((now.getTime() + EVIDENCE_LINK_TTL_MS) / 1000));
  const q = new URLSearchParams({ w: r.workspaceId, m: r.messageId, k: r.fileKey, x, sig: await hmac(secret, message(r, x)) });
  return `${publicUrl}/feishu/evidence?${q}`;
}

/** The reference a link names, when its signature is right and it has not expired. */
export async function verifyEvidenceLink(secret: string, q: { w?: string; m?: string; k?: string; x?: string; sig?: string }, now: Date): Promise<EvidenceRef | null> {
  if (!q.w || !q.m || !q.k || !q.x || !q.sig || !/^\d{1,12}$/.test(q.x)) return null;
  if (Number(q.x) * 1000 < now.getTime()) return null;
  const ref = { workspaceId: q.w, messageId: q.m, fileKey: q.k };
  const expected = await hmac(secret, message(ref, q.x));
  if (expected.length !== q.sig.length) return null;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ q.sig.charCodeAt(i);
  return diff === 0 ? ref : null;
}
