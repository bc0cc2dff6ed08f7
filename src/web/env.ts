import type { AppEnv } from '../app-env.ts';
import type { people, workspaces } from '../db/schema/index.ts';
import type { Locale } from '../domain/types.ts';

export type PersonRow = typeof people.$inferSelect;
export type WorkspaceRow = typeof workspaces.$inferSelect;

/** Who is looking, and what their role lets them see (computed per request, never cached). */
export interface Viewer {
  workspace: WorkspaceRow;
  person: PersonRow;
  roles: {
    /** settings.admins or the installer: may change settings; sees everything. */
    admin: boolean;
    /** settings.pmoReviewers: sees everything in the workspace. */
    pmo: boolean;
    /** Has direct reports (people.manager_id): sees their outcomes. */
    manager: boolean;
  };
  /** Person ids of direct reports. */
  reportIds: string[];
  /** Time zone dates are shown in: the person's, else the workspace's. */
  timeZone: string;
  via: 'slack' | 'feishu' | 'local';
}

/** The mini-app's environment: the app's deps plus the reader's locale and (once signed in) the viewer. */
export interface WebEnv {
  Variables: AppEnv['Variables'] & {
    locale: Locale;
    viewer: Viewer;
  };
}
