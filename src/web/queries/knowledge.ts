import type { Db } from '../../db/client.ts';
import { attainmentsOf, listLessonTags, MAX_SEARCH_OFFSET, searchKnowledge, similarOutcomes, type KbFilters } from '../../db/queries/kb-search.ts';
import { listMetricTemplates } from '../../db/queries/metric-templates.ts';
import type { MetricTemplate } from '../../domain/metric-templates.ts';
import { listProjects, type ProjectOption } from '../../db/queries/projects.ts';
import { assertNoFieldErrors, type FieldError } from '../../domain/errors.ts';
import { MAX_QUERY_CHARS } from '../../domain/kb-query.ts';
import { INDICATOR_CLASSES, type IndicatorClass, type OutcomeStatus } from '../../domain/types.ts';
import { readerOf } from '../context/viewer.ts';
import { kbResults, type KbResult } from '../../views/kb-results.ts';
import type { Viewer } from '../env.ts';
import { STATUSES } from './filters.ts';

/** Hits per page of the knowledge page. */
export const KB_PAGE = 20;

/** The knowledge page's query string, checked. */
export interface KbQuery extends KbFilters {
  q: string;
  offset: number;
}

export const NO_KB_QUERY: KbQuery = { q: '', indicatorClass: null, projectId: null, status: null, tag: null, template: null, offset: 0 };

/** Reads the query string; a bad value is `validation_failed` naming the field, never a silent ignore. */
export function parseKbQuery(get: (name: string) => string | undefined): KbQuery {
  const text = (name: string) => get(name)?.trim() || null;
  const problems: FieldError[] = [];
  const cls = text('class');
  if (cls && !INDICATOR_CLASSES.includes(cls as IndicatorClass)) problems.push({ field: 'class', key: 'web.kb.bad_class' });
  const status = text('status');
  if (status && !STATUSES.includes(status as OutcomeStatus)) problems.push({ field: 'status', key: 'web.filter.bad_status' });
  const offsetText = text('offset') ?? '0';
  const offset = /^\d{1,4}$/.test(offsetText) ? Number(offsetText) : NaN;
  if (!(offset <= MAX_SEARCH_OFFSET)) problems.push({ field: 'offset', key: 'web.kb.bad_offset', params: { max: MAX_SEARCH_OFFSET } });
  assertNoFieldErrors(problems);
  return { q: (get('q') ?? '').slice(0, MAX_QUERY_CHARS), indicatorClass: cls as IndicatorClass | null, projectId: text('project'), status: status as OutcomeStatus | null, tag: text('tag'), template: text('template'), offset };
}

export interface KnowledgeData {
  query: KbQuery;
  projects: ProjectOption[];
  /** The lesson tags and metric templates in use or offered, for the filters. */
  tags: string[];
  templates: MetricTemplate[];
  results: KbResult[];
  more: boolean;
  pageSize: number;
}

/** The knowledge page: the viewer's hits for the query and filters, and the filter options. */
export async function loadKnowledge(db: Db, v: Viewer, query: KbQuery): Promise<KnowledgeData> {
  const ws = v.workspace.id;
  const [projects, tags, templates, found] = await Promise.all([
    listProjects(db, ws),
    listLessonTags(db, ws),
    listMetricTemplates(db, ws),
    searchKnowledge(db, ws, readerOf(v), query.q, query, { limit: KB_PAGE, offset: query.offset }),
  ]);
  const results = await kbResults(db, ws, found.hits, found.terms.short, found.terms.phrases.length > 0);
  return { query, projects, tags, templates, results, more: found.more, pageSize: KB_PAGE };
}

/** Similar past outcomes for an outcome page: the viewer's, never the outcome itself, with attainment. */
export async function loadSimilar(db: Db, v: Viewer, outcome: { id: string; title: string }) {
  const rows = await similarOutcomes(db, v.workspace.id, outcome.title, { reader: readerOf(v), excludeId: outcome.id, limit: 5 });
  const attainments = await attainmentsOf(db, v.workspace.id, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, attainment: attainments.get(r.id) ?? null }));
}

export type SimilarOutcome = Awaited<ReturnType<typeof loadSimilar>>[number];
