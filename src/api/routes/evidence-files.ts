import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { downloadEvidence, readUpload, UPLOAD_BODY_LIMIT, uploadEvidence } from '../../blobs/evidence-files.ts';
import { workspaceById } from '../../db/queries/workspaces.ts';
import { DomainError } from '../../domain/errors.ts';
import { EVIDENCE_FILE_TYPES, MAX_EVIDENCE_FILE_BYTES } from '../../domain/file-rules.ts';
import { bodyLimit } from '../../security/body-limit.ts';
import { readerOfPrincipal } from '../access.ts';
import { needs } from '../auth/authenticate.ts';
import type { ApiEnv, Principal } from '../env.ts';
import { ERRORS, security } from '../schemas/common.ts';
import { validationHook } from '../validation.ts';

/** The upload path, which carries files up to 10 MB instead of the API's 1 MB bodies (src/api/app.ts). */
export const isFileUpload = (path: string): boolean => /\/v1\/outcomes\/[^/]+\/evidence\/files$/.test(path);

const TYPES = Object.keys(EVIDENCE_FILE_TYPES).join(', ');
const binary = { type: 'string' as const, format: 'binary' };
const errorsWith413 = { ...ERRORS, 413: { description: `The file is larger than ${MAX_EVIDENCE_FILE_BYTES / (1024 * 1024)} MB (\`too_large\`).`, content: ERRORS[400].content } };

const upload = createRoute({
  method: 'post',
  path: '/outcomes/{id}/evidence/files',
  summary: 'Add a file as evidence of an outcome',
  description: `A multipart form with the file in \`file\`, or the raw bytes with the file name in \`?name=\`. At most ${MAX_EVIDENCE_FILE_BYTES / (1024 * 1024)} MB; accepted: ${TYPES}, recognised by their content (the declared type is ignored). A person may add files to outcomes they submitted or own, a token with \`evidence:write\` to any outcome of its workspace. The outcome's approval cards show the file. 404 \`platform_off\` when the server has no file store.`,
  security: security('evidence:write'),
  middleware: [needs('evidence:write'), bodyLimit(UPLOAD_BODY_LIMIT)] as const,
  request: {
    params: z.object({ id: z.string().min(1).max(100) }),
    query: z.object({ name: z.string().max(255).optional().openapi({ description: 'The file name, for a raw body' }) }),
    body: { required: true, content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: binary }, required: ['file'] } }, 'application/octet-stream': { schema: binary } } },
  },
  responses: {
    201: {
      description: 'The evidence item created',
      content: { 'application/json': { schema: z.object({ id: z.string(), name: z.string(), content_type: z.string(), size: z.number().int(), evidence_count: z.number().int() }).openapi('EvidenceFile') } },
    },
    ...errorsWith413,
  },
});

const download = createRoute({
  method: 'get',
  path: '/outcomes/{id}/evidence/{evidence_id}/file',
  summary: 'Download an uploaded evidence file',
  description: 'For callers who may see the outcome; always sent as an attachment, with the type checked at upload.',
  security: security('outcomes:read'),
  middleware: [needs('outcomes:read')] as const,
  request: { params: z.object({ id: z.string().min(1).max(100), evidence_id: z.string().min(1).max(100) }) },
  responses: { 200: { description: 'The file', content: { 'application/octet-stream': { schema: binary } } }, ...ERRORS },
});

async function workspaceOf(c: { var: ApiEnv['Variables'] }, p: Principal) {
  if (p.kind === 'session') return p.viewer.workspace;
  const w = await workspaceById(c.var.deps.db, p.workspaceId);
  if (!w) throw new DomainError('unauthorized', 'api.token_unknown');
  return w;
}

/** POST /outcomes/{id}/evidence/files and GET /outcomes/{id}/evidence/{evidence_id}/file. */
export function evidenceFileRoutes() {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  app.openapi(upload, async (c) => {
    const { deps, principal } = c.var;
    const { id } = c.req.valid('param');
    const file = await readUpload(c.req.raw, c.req.valid('query').name);
    const by = principal.kind === 'token' ? ({ kind: 'token' } as const) : ({ kind: 'person', personId: principal.viewer.person.id } as const);
    const added = await uploadEvidence(deps, await workspaceOf(c, principal), id, by, file);
    return c.json({ id: added.id, name: added.file.name, content_type: added.file.contentType, size: added.file.size, evidence_count: added.count }, 201);
  });
  app.openapi(download, async (c) => {
    const { deps, principal } = c.var;
    const p = c.req.valid('param');
    return downloadEvidence(deps, principal.workspaceId, readerOfPrincipal(principal), p.id, p.evidence_id) as never;
  });
  return app;
}
