import type { Db } from '../db/client.ts';
import { visibleStoredFile } from '../db/queries/evidence.ts';
import type { Reader } from '../db/queries/visibility.ts';
import { createStoredEvidenceRepo } from '../db/repos/stored-evidence-repo.ts';
import type { DepsCore } from '../deps-types.ts';
import { attachStoredFile, type FileAdder } from '../domain/attach-stored-file.ts';
import { DomainError } from '../domain/errors.ts';
import { MAX_EVIDENCE_FILE_BYTES } from '../domain/file-rules.ts';
import { badRequest } from '../errors.ts';
import type { Platform } from '../domain/types.ts';

/** An upload's body may be a little larger than the file: multipart boundaries and headers. */
export const UPLOAD_BODY_LIMIT = MAX_EVIDENCE_FILE_BYTES + 64 * 1024;

/** Without a blob store (no BLOB_DIR, no EVIDENCE binding) there is nowhere to put a file. */
const storeOff = () => new DomainError('platform_off', 'evidence.file.off');

/**
 * The file of an upload: the `file` field of a multipart form (the web form, `curl -F`), or
 * the raw body named by `name` (the API's `?name=`). The declared type is ignored.
 */
export async function readUpload(req: Request, rawName: string | undefined): Promise<{ name: string; bytes: Uint8Array }> {
  const missing = () => new DomainError('validation_failed', 'error.validation_failed', { count: 1 }, [{ field: 'file', key: 'evidence.file.missing' }]);
  if ((req.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data')) {
    const form = await req.formData().catch(() => {
      throw badRequest('the form could not be read');
    });
    const file = form.get('file');
    if (!file || typeof file === 'string' || !file.name) throw missing();
    return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
  }
  if (!rawName) throw missing();
  return { name: rawName, bytes: new Uint8Array(await req.arrayBuffer()) };
}

/** Adds an uploaded file as evidence of the outcome (src/domain/attach-stored-file.ts). */
export async function uploadEvidence(deps: DepsCore, workspace: { id: string; platform: Platform }, outcomeId: string, by: FileAdder, upload: { name: string; bytes: Uint8Array }) {
  if (!deps.blobs) throw storeOff();
  const ctx = { clock: deps.clock, files: createStoredEvidenceRepo(deps.db, workspace.platform), blobs: deps.blobs, newId: () => crypto.randomUUID() };
  return attachStoredFile({ ctx, input: { workspaceId: workspace.id, outcomeId, by, ...upload } });
}

/**
 * An uploaded file for download, to someone who may see its outcome: always as an attachment,
 * with the type we checked at upload and nosniff, so a browser never renders it as a page of
 * this site. not_found when the reader may not see it (the same answer as for no such file).
 */
export async function downloadEvidence(deps: { db: Db; blobs?: DepsCore['blobs'] }, workspaceId: string, reader: Reader, outcomeId: string, evidenceId: string): Promise<Response> {
  if (!deps.blobs) throw storeOff();
  const item = await visibleStoredFile(deps.db, workspaceId, reader, outcomeId, evidenceId);
  const blob = item ? await deps.blobs.get(item.blobKey) : null;
  if (!item || !blob) throw new DomainError('not_found', 'error.not_found');
  const ascii = item.title.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return new Response(blob.body, {
    headers: {
      'content-type': item.contentType,
      'content-length': String(blob.size),
      'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(item.title)}`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, no-store',
    },
  });
}
