import { METRIC_SLOTS, metricField } from '../../../../cards/feishu/form-card.ts';
import { TEMPLATE_FIELD } from '../../../../cards/feishu/form-templates.ts';
import { listMetricTemplates } from '../../../db/queries/metric-templates.ts';
import { templateByKey } from '../../../domain/metric-templates.ts';
import type { FeishuCtx } from '../../context.ts';
import type { CardResponse } from '../../inbound/card-response.ts';
import { toastOf } from '../../render.ts';
import { parseForm, formText } from './parse-form.ts';
import { formAgain, type FormSubmission } from './submit-form.ts';

/**
 * "Fill in a metric" on the Feishu form: the first metric with neither name nor unit starts from
 * the chosen template (name in the member's language, unit, direction); everything else typed is
 * kept, and nothing is stored.
 */
export async function applyTemplate(ctx: FeishuCtx, s: FormSubmission): Promise<CardResponse> {
  const { values } = parseForm(s.formValue, 'UTC');
  const key = formText((s.formValue as Record<string, unknown> | undefined)?.[TEMPLATE_FIELD]);
  const template = templateByKey(await listMetricTemplates(ctx.deps.db, ctx.workspace.id), key);
  if (!template) return formAgain(ctx, s, values, [{ name: 'metrics', key: 'template.unknown' }]);
  const slot = Array.from({ length: METRIC_SLOTS }, (_, i) => i).find((i) => !values[metricField(i, 'name')] && !values[metricField(i, 'unit')]);
  if (slot === undefined) return formAgain(ctx, s, values, [{ name: 'metrics', key: 'template.no_free_metric' }]);
  const name = template.name[s.locale];
  Object.assign(values, { [metricField(slot, 'name')]: name, [metricField(slot, 'unit')]: template.unit, [metricField(slot, 'direction')]: template.direction });
  return formAgain(ctx, s, values, [], toastOf('success', 'template.applied', { n: slot + 1, name }, s.locale));
}
