import { cleanOptional } from './clean-text.ts';
import { DomainError } from './errors.ts';
import type { Clock, Notification, PersonRef, Recipient, WorkspaceContext } from './ports.ts';

/** Files a member sends within this long after submitting become evidence of that outcome. */
export const EVIDENCE_WINDOW_MS = 30 * 60_000;

/** A file or image a member sent, by platform reference (Feishu: message id + file/image key). */
export interface EvidenceFile {
  kind: 'file' | 'image';
  fileRef: string;
  messageId: string;
  title: string | null;
}

/** Where evidence files are stored (src/db/repos/evidence-repo.ts; an in-memory twin in the test). */
export interface EvidenceStore {
  /** The member's outcome submitted most recently at or after `since`, if any. */
  latestSubmittedSince(workspaceId: string, submitterId: string, since: Date): Promise<{ id: string; title: string; round: number } | null>;
  /**
   * Adds the file once (a redelivered message adds nothing), with `notes` in the same batch,
   * and returns how many evidence items the outcome has.
   */
  addFile(workspaceId: string, outcomeId: string, file: EvidenceFile, addedBy: string, at: Date, notes: Notification[]): Promise<{ count: number }>;
}

/**
 * The evidence_added notification of a new piece of evidence (`ref` names it, once): the
 * approval cards of this round already sent (the manager's while it waits) are updated to show it.
 */
export function evidenceAddedNote(outcome: { id: string; round: number }, to: Recipient, ref: string): Notification {
  return { kind: 'evidence_added', to, data: { outcomeId: outcome.id, round: outcome.round }, dedupeKey: `evidence_added:${outcome.id}:${ref}`.slice(0, 200) };
}

export interface AttachEvidenceInput {
  workspace: WorkspaceContext;
  member: PersonRef;
  file: EvidenceFile;
}

export type AttachEvidenceResult = { attached: true; outcomeId: string; title: string; count: number } | { attached: false };

/**
 * A file or image the member sent right after submitting: it becomes evidence of the
 * outcome they submitted (or resubmitted) in the last 30 minutes, and that round's approval
 * cards already sent are updated in place to show it. With no such outcome
 * nothing is stored and the caller tells the member how evidence works.
 */
export async function attachEvidence({ ctx, input }: { ctx: { clock: Clock; evidence: EvidenceStore }; input: AttachEvidenceInput }): Promise<AttachEvidenceResult> {
  const file = { ...input.file, title: cleanOptional(input.file.title) };
  if ((file.kind !== 'file' && file.kind !== 'image') || !file.fileRef.trim() || !file.messageId.trim())
    throw new DomainError('validation_failed', 'error.validation_failed', {}, [{ field: 'file', key: 'smart.evidence_ref_required' }]);
  const now = ctx.clock.now();
  const outcome = await ctx.evidence.latestSubmittedSince(input.workspace.id, input.member.id, new Date(now.getTime() - EVIDENCE_WINDOW_MS));
  if (!outcome) return { attached: false };
  const refresh = evidenceAddedNote(outcome, { personId: input.member.id, address: input.member.address }, `${file.messageId}:${file.fileRef}`);
  const { count } = await ctx.evidence.addFile(input.workspace.id, outcome.id, file, input.member.id, now, [refresh]);
  return { attached: true, outcomeId: outcome.id, title: outcome.title, count };
}
