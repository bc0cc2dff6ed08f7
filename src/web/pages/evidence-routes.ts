import { Hono } from 'hono';
import { downloadEvidence, readUpload, UPLOAD_BODY_LIMIT, uploadEvidence } from '../../blobs/evidence-files.ts';
import { DomainError } from '../../domain/errors.ts';
import { bodyLimit } from '../../security/body-limit.ts';
import { readerOf } from '../context/viewer.ts';
import type { WebEnv } from '../env.ts';

/**
 * /app/outcomes/:id/evidence: the outcome page's file upload (a same-origin multipart form,
 * like every web write) and the download of an uploaded file, for whoever sees the outcome.
 */
export function evidenceRoutes() {
  const app = new Hono<WebEnv>();

  app.post('/:id/evidence', bodyLimit(UPLOAD_BODY_LIMIT), async (c) => {
    const v = c.var.viewer;
    const id = c.req.param('id');
    try {
      await uploadEvidence(c.var.deps, v.workspace, id, { kind: 'person', personId: v.person.id }, await readUpload(c.req.raw, undefined));
    } catch (err) {
      // The error page shows one message: the field's own (wrong type, empty, no file chosen).
      const field = err instanceof DomainError && err.code === 'validation_failed' ? err.fields[0] : undefined;
      throw field ? new DomainError('validation_failed', field.key, field.params) : err;
    }
    return c.redirect(`/app/outcomes/${encodeURIComponent(id)}?file=added#evidence`, 303);
  });

  app.get('/:id/evidence/:evidenceId', (c) => {
    const v = c.var.viewer;
    return downloadEvidence(c.var.deps, v.workspace.id, readerOf(v), c.req.param('id'), c.req.param('evidenceId'));
  });

  return app;
}
