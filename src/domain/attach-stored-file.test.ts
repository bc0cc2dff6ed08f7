import { describe, expect, it } from 'vitest';
import { PDF } from '../../test/fixtures/files/samples.ts';
import { attachStoredFile, type FileTarget, type StoredEvidenceStore } from './attach-stored-file.ts';
import { InMemoryBlobStore } from './blob-store.ts';
import { DomainError } from './errors.ts';
import type { Notification } from './ports.ts';

const TARGET: FileTarget = { id: 'o1', title: 'Faster support', round: 2, submitterId: 'p-sub', ownerId: 'p-own', submitterAddress: 'USUB' };

/** The store's twin: records what it was given; `fail` makes the batch throw, as a lost database would. */
function files(fail = false) {
  const added: { blobKey: string; notes: Notification[]; addedBy: string | null }[] = [];
  const store: StoredEvidenceStore = {
    target: async (_w, id) => (id === TARGET.id ? TARGET : null),
    addStored: async (_w, _o, file, addedBy, _at, notes) => {
      if (fail) throw new Error('database gone');
      added.push({ blobKey: file.blobKey, notes, addedBy });
      return { id: `e${added.length}`, count: added.length };
    },
  };
  return { store, added };
}

const run = (store: StoredEvidenceStore, blobs: InMemoryBlobStore, by: Parameters<typeof attachStoredFile>[0]['input']['by'], name = 'r.pdf', bytes = PDF) =>
  attachStoredFile({ ctx: { clock: { now: () => new Date('2026-11-23T01:00:00Z') }, files: store, blobs, newId: () => 'k1' }, input: { workspaceId: 'w1', outcomeId: 'o1', by, name, bytes } });

describe('attachStoredFile', () => {
  it('stores the bytes and the row with an evidence_added refresh of that round, for the submitter, the owner or a token', async () => {
    for (const by of [{ kind: 'person', personId: 'p-sub' }, { kind: 'person', personId: 'p-own' }, { kind: 'token' }] as const) {
      const blobs = new InMemoryBlobStore();
      const f = files();
      expect(await run(f.store, blobs, by)).toMatchObject({ id: 'e1', count: 1, file: { name: 'r.pdf', contentType: 'application/pdf' } });
      expect([...blobs.blobs.keys()]).toEqual(['w1/o1/k1']);
      expect(f.added[0]).toEqual({ blobKey: 'w1/o1/k1', addedBy: by.kind === 'person' ? by.personId : null, notes: [{ kind: 'evidence_added', to: { personId: 'p-sub', address: 'USUB' }, data: { outcomeId: 'o1', round: 2 }, dedupeKey: 'evidence_added:o1:w1/o1/k1' }] });
    }
  });

  it('refuses anyone else, and a bad file, before storing a byte', async () => {
    const blobs = new InMemoryBlobStore();
    const f = files();
    await expect(run(f.store, blobs, { kind: 'person', personId: 'p-peer' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(run(f.store, blobs, { kind: 'person', personId: 'p-sub' }, 'r.exe')).rejects.toBeInstanceOf(DomainError);
    await expect(attachStoredFile({ ctx: { clock: { now: () => new Date() }, files: f.store, blobs, newId: () => 'k' }, input: { workspaceId: 'w1', outcomeId: 'nope', by: { kind: 'token' }, name: 'r.pdf', bytes: PDF } })).rejects.toMatchObject({ code: 'not_found' });
    expect(blobs.blobs.size).toBe(0);
    expect(f.added).toEqual([]);
  });

  it('removes the bytes again when the row cannot be written (no file without its row)', async () => {
    const blobs = new InMemoryBlobStore();
    await expect(run(files(true).store, blobs, { kind: 'token' })).rejects.toThrow('database gone');
    expect(blobs.blobs.size).toBe(0);
  });
});
