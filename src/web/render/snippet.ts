import type { Segment } from '../../domain/kb-query.ts';
import { h, type Html } from './html.ts';

/** Search-hit text: every segment escaped, hits in <mark> (the markers never reach the HTML). */
export const segmentsHtml = (segments: readonly Segment[]): Html => h`${segments.map((s) => (s.hit ? h`<mark>${s.text}</mark>` : s.text))}`;
