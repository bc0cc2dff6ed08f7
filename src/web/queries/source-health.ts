import type { Db } from '../../db/client.ts';
import { failingSources, type SourceHealth } from '../../db/queries/source-health.ts';
import type { Viewer } from '../env.ts';

/** Settings (admins): the workspace's sources whose last run failed, with the error. */
export const loadFailingSources = (db: Db, v: Viewer): Promise<SourceHealth[]> => failingSources(db, v.workspace.id);
