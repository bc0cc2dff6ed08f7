/**
 * Adding and removing a workspace's own outcome templates: one place for the web settings page
 * and the API (each checks who may call first), so both refuse the same input the same way.
 */
import type { Db } from '../db/client.ts';
import { CUSTOM_TEMPLATES_MAX, countCustomTemplates } from '../db/queries/metric-templates.ts';
import { addMetricTemplate, disableMetricTemplate } from '../db/repos/metric-templates-repo.ts';
import { assertNoFieldErrors, DomainError } from '../domain/errors.ts';
import { checkTemplateInput, type MetricTemplate, type TemplateInput } from '../domain/metric-templates.ts';
import type { Clock } from '../domain/ports.ts';

interface TemplateDeps {
  db: Db;
  clock: Clock;
}

/** Checks and stores a template; every problem is a field error and nothing is written. */
export async function addWorkspaceTemplate(deps: TemplateDeps, workspaceId: string, actorId: string | null, input: TemplateInput): Promise<MetricTemplate> {
  const checked = checkTemplateInput(input);
  if (!checked.ok) throw new DomainError('validation_failed', 'error.validation_failed', { count: checked.errors.length }, checked.errors);
  // The cap keeps every form's template select within the platforms' option limits.
  if ((await countCustomTemplates(deps.db, workspaceId)) >= CUSTOM_TEMPLATES_MAX) assertNoFieldErrors([{ field: 'name.en', key: 'template.too_many', params: { max: CUSTOM_TEMPLATES_MAX } }]);
  const key = await addMetricTemplate(deps.db, workspaceId, checked.value, actorId, deps.clock.now());
  return { ...checked.value, key, builtIn: false };
}

/** Removes (disables) one of the workspace's own templates; a built-in cannot be removed, an unknown key is not_found. */
export async function removeWorkspaceTemplate(deps: TemplateDeps, workspaceId: string, actorId: string | null, key: string): Promise<void> {
  if (key.startsWith('builtin.')) throw new DomainError('bad_request', 'error.bad_request', { reason: 'a built-in template cannot be removed' });
  if (!(await disableMetricTemplate(deps.db, workspaceId, key, actorId, deps.clock.now()))) throw new DomainError('not_found', 'error.not_found');
}
