import type { Context } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { evidenceFile } from '../../db/queries/evidence.ts';
import { DomainError } from '../../domain/errors.ts';
import { feishuClient, larkFailure } from '../adapter/client.ts';
import { verifyEvidenceLink } from '../adapter/evidence-link.ts';

/** Image types a browser may show inline; everything else is downloaded, never rendered. */
const INLINE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/**
 * GET /feishu/evidence?w&m&k&x&sig — opens an evidence file from an approval card. Only a
 * correctly signed, unexpired link to a file stored as evidence is fetched (im/v1 message
 * resources, with the app's token) and passed through. A member's file is served from our
 * origin, so it must never run there: only raster images are shown inline, anything else
 * (HTML, SVG, …) is an attachment, with nosniff and a sandboxing CSP besides.
 */
export async function evidenceRoute(c: Context<AppEnv>) {
  const deps = c.var.deps;
  const ref = deps.config.appSecret ? await verifyEvidenceLink(deps.config.appSecret, c.req.query(), deps.clock.now()) : null;
  if (!ref) throw new DomainError('unauthorized', 'error.unauthorized');
  const item = await evidenceFile(deps.db, ref.workspaceId, ref.messageId, ref.fileKey);
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
    const reported = String(res.headers?.['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    const inline = INLINE_TYPES.has(reported);
    const name = encodeURIComponent(item.title ?? ref.fileKey);
    return new Response(res.data, {
      headers: {
        'content-type': inline ? reported : 'application/octet-stream',
        'content-disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${name}`,
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
        'cache-control': 'private, max-age=300',
      },
    });
  } catch (err) {
    const f = larkFailure(err);
    deps.log('warn', 'feishu evidence download failed', { status: f.status, code: f.code, msg: f.msg });
    throw new DomainError('upstream', 'error.upstream', { platform: 'Feishu' });
  }
}
