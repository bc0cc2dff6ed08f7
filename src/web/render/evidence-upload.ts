import type { OutcomeView } from '../../../cards/view.ts';
import { EVIDENCE_FILE_TYPES, MAX_EVIDENCE_FILE_BYTES } from '../../domain/file-rules.ts';
import type { Viewer } from '../env.ts';
import { h, type Html } from './html.ts';
import type { Kit } from './kit.ts';

/** The outcome the upload form posts to, when it is offered. */
export interface UploadOffer {
  outcomeId: string;
  /** The page was opened right after a successful upload. */
  added: boolean;
}

/**
 * The form is offered where files can be kept (a blob store is configured) and to whom chat
 * lets add evidence: the outcome's submitter or owner. Otherwise links are all there is.
 */
export function uploadOffer(v: Viewer, view: OutcomeView, storeOn: boolean, added: boolean): UploadOffer | undefined {
  const me = v.person.platformUserId;
  if (!storeOn || (view.submitter.address !== me && view.owner?.address !== me)) return undefined;
  return { outcomeId: view.id, added };
}

const ACCEPT = Object.keys(EVIDENCE_FILE_TYPES).map((ext) => `.${ext}`).join(',');

/** Upload a file as evidence (multipart; checked on the server by size and by its bytes). */
export function evidenceUploadForm(kit: Kit, offer: UploadOffer | undefined): Html | '' {
  if (!offer) return '';
  return h`${offer.added ? h`<p class="notice" role="status" data-testid="file-added">${kit.t('web.evidence.file_added')}</p>` : ''}<form method="post" action="/app/outcomes/${encodeURIComponent(offer.outcomeId)}/evidence" enctype="multipart/form-data" data-testid="evidence-upload">
<label for="evidence-file">${kit.t('web.evidence.upload_label')}</label> <input type="file" id="evidence-file" name="file" required accept="${ACCEPT}"> <button type="submit">${kit.t('web.evidence.upload')}</button>
<p class="muted small">${kit.t('web.evidence.upload_hint', { max: MAX_EVIDENCE_FILE_BYTES / (1024 * 1024) })}</p></form>`;
}
