import type { OutcomeView } from '../../cards/view.ts';
import type { WorkspaceRow } from '../db/repos/workspace-repo.ts';
import type { Platform } from '../domain/types.ts';
import type { KindContext } from './kinds/types.ts';
import type { NotificationView } from './kinds/views.ts';
import type { DiscoverPerson, Recipient } from './recipient.ts';
import type { SendResult } from './types.ts';

/**
 * What a platform does for delivery, and nothing more: render a view model with its cards/,
 * post it, update a sent message in place, and map its failures (inside post and update).
 * What to load, whether to send, and to whom are the kinds' (src/delivery/kinds).
 */
export interface PlatformAdapter<M = unknown> {
  platform: Platform;
  /** Where the member submits from already shows the receipt (see submission-receipt.ts). */
  submitSurfaceShowsReceipt: boolean;
  /** The adapter for one workspace, or why this workspace cannot send at all (e.g. no bot token). */
  connect(workspace: WorkspaceRow): Promise<WorkspaceAdapter<M> | Extract<SendResult, { ok: false }>>;
}

/** Why a view cannot be sent on a platform; retrying cannot change it. */
export interface Unsendable {
  unsendable: string;
}

export interface WorkspaceAdapter<M = unknown> {
  /** The message for one recipient, or why this platform cannot send it (e.g. larger than it allows). */
  render(view: NotificationView, to: Recipient): M | Unsendable;
  /** Posts to a user, channel or chat; `key` is the row id (an idempotency key where the platform has one). */
  post(destination: string, message: M, key: string): Promise<SendResult>;
  /** Replaces a message sent earlier; `sent` is what `post` returned for it. A message that cannot be found is reported as skipped. */
  update(sent: Record<string, unknown>, message: M): Promise<SendResult>;
  /** Learns a person the workspace has not met (their language and zone), when the platform can. */
  discover?: DiscoverPerson;
  /** An outcome as this platform's cards show it (e.g. files as links reviewers can open). */
  outcome?(view: OutcomeView): Promise<OutcomeView>;
  /** The platform's own form for a reply; none on a platform whose forms open as modals. */
  form?: KindContext['form'];
}
