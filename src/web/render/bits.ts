import type { OutcomeStatus } from '../../domain/types.ts';
import { h, type Html } from './html.ts';
import type { Kit } from './kit.ts';

/** A coloured status label. */
export const statusPill = (kit: Kit, status: OutcomeStatus): Html => h`<span class="pill ${status}">${kit.t(`status.${status}`)}</span>`;

/** A signed percentage, green when positive (better), red when negative. */
export const changeText = (kit: Kit, fraction: number | null): Html =>
  fraction === null ? h`<span class="muted">—</span>` : h`<span class="${fraction > 0 ? 'up' : fraction < 0 ? 'down' : ''}">${fraction > 0 ? '+' : ''}${kit.pct(fraction)}</span>`;

/** A link to an outcome page. */
export const outcomeLink = (o: { id: string; title: string }): Html => h`<a href="/app/outcomes/${encodeURIComponent(o.id)}">${o.title}</a>`;

/** A muted line for empty sections. */
export const empty = (text: string): Html => h`<p class="empty">${text}</p>`;

/** Wraps a table so it scrolls sideways on a phone instead of overflowing the page. */
export const scrollTable = (head: Html, rows: readonly Html[], testId?: string): Html =>
  h`<div class="scroll"><table${testId ? h` data-testid="${testId}"` : ''}><thead>${head}</thead><tbody>${rows}</tbody></table></div>`;
