import { and, eq } from 'drizzle-orm';
import type { Context } from 'hono';
import type { AppEnv } from '../app.ts';
import { evidence } from '../db/schema/index.ts';
import { DomainError } from '../domain/errors.ts';
import { feishuClient, larkFailure } from './client.ts';
import { verifyEvidenceLink } from './evidence-link.ts';

/**
 * GET /feishu/evidence?w&m&k&sig — opens an evidence file from an approval card. Only a
 * correctly signed link to a file stored as evidence is fetched (im/v1 message resources,
 * with the app's token) and passed through.
 */
export async function evidenceRoute(c: Context<AppEnv>) {
  const deps = c.var.deps;
  const ref = deps.config.appSecret ? await verifyEvidenceLink(deps.config.appSecret, c.req.query()) : null;
  if (!ref) throw new DomainError('unauthorized', 'error.unauthorized');
  const [item] = await deps.db
    .select({ kind: evidence.kind, title: evidence.title })
    .from(evidence)
    .where(and(eq(evidence.workspaceId, ref.workspaceId), eq(evidence.platformMessageId, ref.messageId), eq(evidence.platformFileId, ref.fileKey)));
  if (!item) throw new DomainError('not_found', 'error.not_found');
  try {
    const res = await feishuClient(deps).request<{ data: ArrayBuffer; headers: Record<string, string> }>({
      method: 'GET',
      url: `/open-apis/im/v1/messages/${encodeURIComponent(ref.messageId)}/resources/${encodeURIComponent(ref.fileKey)}`,
      params: { type: item.kind === 'image' ? 'image' : 'file' },
      responseType: 'arraybuffer',
      // Makes the SDK's response interceptor keep the headers (content type).
      ...({ $return_headers: true } as object),
    });
    const type = String(res.headers?.['content-type'] ?? 'application/octet-stream');
    const name = encodeURIComponent(item.title ?? ref.fileKey);
    return new Response(res.data, { headers: { 'content-type': type, 'content-disposition': `inline; filename*=UTF-8''${name}`, 'cache-control': 'private, max-age=300' } });
  } catch (err) {
    const f = larkFailure(err);
    deps.log('warn', 'feishu evidence download failed', { status: f.status, code: f.code, msg: f.msg });
    return c.json({ error: 'upstream', message: 'Feishu did not return the file; try again later.' }, 502);
  }
}
