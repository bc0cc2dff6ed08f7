import type { AppEnv } from '../app-env.ts';
import type { Viewer } from '../web/env.ts';
import type { Scope } from './auth/scopes.ts';

/** Who calls the API: a workspace token (limited by its scopes) or a signed-in person (limited by their role). */
export type Principal =
  | { kind: 'token'; workspaceId: string; tokenId: string; scopes: ReadonlySet<Scope> }
  | { kind: 'session'; workspaceId: string; viewer: Viewer };

/** The API's environment: the app's deps plus the caller. */
export interface ApiEnv {
  Variables: AppEnv['Variables'] & { principal: Principal };
}
