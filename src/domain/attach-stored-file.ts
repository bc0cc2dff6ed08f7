import { evidenceAddedNote } from './attach-evidence.ts';
import type { BlobStore } from './blob-store.ts';
import { DomainError } from './errors.ts';
import { checkEvidenceFile, type CheckedFile } from './file-rules.ts';
import type { Clock, Notification } from './ports.ts';

/** The outcome a file is added to, as the rule below needs it. */
export interface FileTarget {
  id: string;
  title: string;
  round: number;
  submitterId: string;
  ownerId: string | null;
  /** The submitter's platform address (the evidence_added row is addressed to them). */
  submitterAddress: string;
}

/** Where stored evidence files are recorded (src/db/repos/stored-evidence-repo.ts). */
export interface StoredEvidenceStore {
  /** The outcome in this workspace, or null. */
  target(workspaceId: string, outcomeId: string): Promise<FileTarget | null>;
  /** Records the file and `notes` in one batch; returns the new evidence id and how many items the outcome has. */
  addStored(workspaceId: string, outcomeId: string, file: CheckedFile & { blobKey: string }, addedBy: string | null, at: Date, notes: Notification[]): Promise<{ id: string; count: number }>;
}

/** Who adds: a person (the web, the API with a session) or a workspace API token (acts for the workspace). */
export type FileAdder = { kind: 'person'; personId: string } | { kind: 'token' };

export interface AttachStoredFileInput {
  workspaceId: string;
  outcomeId: string;
  by: FileAdder;
  name: string;
  bytes: Uint8Array;
}

/**
 * A file uploaded as evidence of an outcome: as in chat, only its submitter (or owner) adds
 * files; a workspace API token may too. The file is checked (size, type by its bytes) before
 * anything is written; then the bytes go to the blob store and the evidence row, with its
 * evidence_added notification (the approval cards show it), in one batch. If that batch fails
 * the bytes are removed again, so no file is left without its row.
 */
export async function attachStoredFile({ ctx, input }: { ctx: { clock: Clock; files: StoredEvidenceStore; blobs: BlobStore; newId: () => string }; input: AttachStoredFileInput }): Promise<{ id: string; count: number; file: CheckedFile }> {
  const target = await ctx.files.target(input.workspaceId, input.outcomeId);
  if (!target) throw new DomainError('not_found', 'error.not_found');
  const by = input.by;
  if (by.kind === 'person' && by.personId !== target.submitterId && by.personId !== target.ownerId) throw new DomainError('forbidden', 'evidence.file.not_allowed');
  const file = checkEvidenceFile(input.name, input.bytes);
  const blobKey = `${input.workspaceId}/${target.id}/${ctx.newId()}`;
  await ctx.blobs.put(blobKey, input.bytes, file.contentType);
  const note = evidenceAddedNote(target, { personId: target.submitterId, address: target.submitterAddress }, blobKey);
  try {
    const added = await ctx.files.addStored(input.workspaceId, target.id, { ...file, blobKey }, by.kind === 'person' ? by.personId : null, ctx.clock.now(), [note]);
    return { ...added, file };
  } catch (err) {
    await ctx.blobs.delete(blobKey).catch(() => undefined);
    throw err;
  }
}
