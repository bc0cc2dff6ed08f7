/**
 * Links to evidence files members sent the bot. Feishu cannot link a message resource
 * directly, so reviewers open `/feishu/evidence?…`, which fetches it with the app's
 * token. The link is signed (HMAC-SHA-256 with APP_SECRET over workspace, message and
 * file key) so nobody can fetch other messages' files through it.
 */

export interface EvidenceRef {
  workspaceId: string;
  messageId: string;
  fileKey: string;
}

const enc = new TextEncoder();

async function hmac(secret: string, text: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const sig = new Uint8Array(await crypto.subtle.sign('HMAC', key, enc.encode(text)));
  return [...sig.slice(0, 20)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const message = (r: EvidenceRef) => `feishu-evidence:${r.workspaceId}:${r.messageId}:${r.fileKey}`;

/** The signed link to one evidence file. */
export async function evidenceLink(publicUrl: string, secret: string, r: EvidenceRef): Promise<string> {
  const q = new URLSearchParams({ w: r.workspaceId, m: r.messageId, k: r.fileKey, sig: await hmac(secret, message(r)) });
  return `${publicUrl}/feishu/evidence?${q}`;
}

/** The reference a link names, when its signature is right. */
export async function verifyEvidenceLink(secret: string, q: { w?: string; m?: string; k?: string; sig?: string }): Promise<EvidenceRef | null> {
  if (!q.w || !q.m || !q.k || !q.sig) return null;
  const ref = { workspaceId: q.w, messageId: q.m, fileKey: q.k };
  const expected = await hmac(secret, message(ref));
  if (expected.length !== q.sig.length) return null;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ q.sig.charCodeAt(i);
  return diff === 0 ? ref : null;
}
