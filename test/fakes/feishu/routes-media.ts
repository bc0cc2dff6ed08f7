/**
 * Image upload (multipart, `image_type` message|avatar, not empty, ≤ 10 MB) and message
 * resource download (platform-facts §2.5).
 */
import { hex } from '../shared/ids.ts';
import { parseMultipart } from '../shared/multipart.ts';
import { CODES, larkFail, ok, type Reply } from './reply.ts';
import type { Route, RouteCtx } from './route-kit.ts';

/** 10 MB upload cap for images. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

function uploadImage(ctx: RouteCtx): Reply {
  const contentType = ctx.headers['content-type'] ?? '';
  if (!contentType.includes('multipart/form-data')) return larkFail(CODES.mediaInvalidParam, 'content-type must be multipart/form-data');
  const parts = parseMultipart(ctx.raw, contentType);
  if (!parts) return larkFail(CODES.mediaInvalidParam, 'malformed multipart body');
  const imageType = parts.find((p) => p.name === 'image_type')?.data.toString('utf8');
  const image = parts.find((p) => p.name === 'image');
  if (imageType !== 'message' && imageType !== 'avatar') return larkFail(CODES.mediaInvalidParam, 'image_type must be message or avatar');
  if (!image) return larkFail(CODES.mediaInvalidParam, 'image is required');
  if (image.data.length === 0) return larkFail(CODES.imageEmpty, 'image is empty');
  if (image.data.length > MAX_IMAGE_BYTES) return larkFail(CODES.imageTooLarge, 'image size exceeds the limit of 10 MB');
  const key = `img_v3_${hex(12)}`;
  ctx.state.images.set(key, { data: Buffer.from(image.data), imageType });
  return ok({ image_key: key });
}

function downloadResource(ctx: RouteCtx): Reply {
  const type = ctx.query.get('type');
  if (type !== 'image' && type !== 'file') return larkFail(CODES.mediaInvalidParam, 'type must be image or file');
  const entry = ctx.state.resources.get(`${ctx.params.message_id}/${ctx.params.file_key}`);
  if (!entry) return larkFail(CODES.resourceNotFound, 'resource not found in message');
  return {
    status: 200,
    raw: entry.data,
    headers: {
      'content-type': entry.contentType,
      'content-disposition': `attachment; filename="${encodeURIComponent(entry.name)}"`,
    },
  };
}

/** im/v1/images and im/v1/messages/:message_id/resources/:file_key. */
export const mediaRoutes: Route[] = [
  { method: 'POST', pattern: '/open-apis/im/v1/images', auth: 'tenant', handle: uploadImage },
  { method: 'GET', pattern: '/open-apis/im/v1/messages/:message_id/resources/:file_key', auth: 'tenant', handle: downloadResource },
];
