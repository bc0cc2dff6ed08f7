import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.ts';
import { attachEvidence, EVIDENCE_WINDOW_MS, type EvidenceFile, type EvidenceStore } from './attach-evidence.ts';
import type { Notification } from './ports.ts';
import { defaultSettings } from './settings.ts';

/** In-memory twin of the evidence port. */
function memoryStore(outcomes: { id: string; title: string; submitterId: string; submittedAt: Date }[]) {
  const files: { outcomeId: string; file: EvidenceFile }[] = [];
  const notes: Notification[] = [];
  const store: EvidenceStore = {
    async latestSubmittedSince(_w, submitterId, since) {
      const mine = outcomes.filter((o) => o.submitterId === submitterId && o.submittedAt >= since).sort((a, b) => b.submittedAt.getTime() - a.submittedAt.getTime());
      return mine[0] ? { id: mine[0].id, title: mine[0].title, round: 1 } : null;
    },
    async addFile(_w, outcomeId, file, _by, _at, n) {
      if (!files.some((f) => f.outcomeId === outcomeId && f.file.messageId === file.messageId && f.file.fileRef === file.fileRef)) {
        files.push({ outcomeId, file });
        notes.push(...n);
      }
      return { count: files.filter((f) => f.outcomeId === outcomeId).length };
    },
  };
  return { store, files, notes };
}

const now = new Date('2026-11-23T02:00:00Z');
const workspace = { id: 'w', platform: 'feishu' as const, settings: defaultSettings('UTC', 'en') };
const member = { id: 'm', address: 'ou_m', timeZone: null, locale: null };
const file: EvidenceFile = { kind: 'image', fileRef: 'img_1', messageId: 'om_1', title: null };
const at = (msAgo: number) => new Date(now.getTime() - msAgo);

describe('attachEvidence', () => {
  it('attaches to the outcome submitted most recently within 30 minutes, once per file', async () => {
    const { store, files, notes } = memoryStore([
      { id: 'old', title: 'Old', submitterId: 'm', submittedAt: at(20 * 60_000) },
      { id: 'new', title: 'New', submitterId: 'm', submittedAt: at(60_000) },
      { id: 'theirs', title: 'Theirs', submitterId: 'x', submittedAt: at(0) },
    ]);
    const ctx = { clock: { now: () => now }, evidence: store };
    expect(await attachEvidence({ ctx, input: { workspace, member, file } })).toEqual({ attached: true, outcomeId: 'new', title: 'New', count: 1 });
    expect(await attachEvidence({ ctx, input: { workspace, member, file } })).toMatchObject({ count: 1 });
    expect(files).toHaveLength(1);
    // The round's approval cards are updated to show it, once.
    expect(notes).toEqual([{ kind: 'evidence_added', to: { personId: 'm', address: 'ou_m' }, data: { outcomeId: 'new', round: 1 }, dedupeKey: 'evidence_added:new:om_1:img_1' }]);
  });

  it('attaches nothing after the window', async () => {
    const { store, files } = memoryStore([{ id: 'o', title: 'O', submitterId: 'm', submittedAt: at(EVIDENCE_WINDOW_MS + 1) }]);
    expect(await attachEvidence({ ctx: { clock: { now: () => now }, evidence: store }, input: { workspace, member, file } })).toEqual({ attached: false });
    expect(files).toHaveLength(0);
  });

  it('refuses a file without a reference', async () => {
    const { store } = memoryStore([]);
    const err = await attachEvidence({ ctx: { clock: { now: () => now }, evidence: store }, input: { workspace, member, file: { ...file, fileRef: ' ' } } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
  });
});
