import { describe, expect, it } from 'vitest';
import { BUILT_IN_TEMPLATES } from '../../src/domain/metric-templates.ts';
import { cardContext } from '../../src/views/card-context.ts';
import { checkView } from '../../test/fakes/slack/view-rules.ts';
import { renderSubmitModal, type SubmitModalProps, type TemplateChoice } from './submit-modal.ts';

const en = cardContext('en', 'https://outcome.example.com');
const zh = cardContext('zh-CN', 'https://outcome.example.com');
const long = (n: number) => '长'.repeat(n);
type Block = { type: string; block_id?: string; accessory?: { option_groups?: { options: unknown[] }[]; initial_option?: { value: string } }; elements?: { action_id?: string; text?: { text: string } }[] };
const blocksOf = (view: Record<string, unknown>) => view.blocks as Block[];
const ids = (view: Record<string, unknown>) => blocksOf(view).map((b) => b.block_id).filter(Boolean);
const base: SubmitModalProps = { privateMetadata: '{"mode":"submit","n":1,"v":[0],"t":[null],"fk":0}', editing: false, projects: [], reviewerId: null };

// The most a form can offer: every built-in plus 80 own templates with the longest names.
const templates: TemplateChoice[] = [
  ...BUILT_IN_TEMPLATES,
  ...Array.from({ length: 80 }, (_, i) => ({ key: `custom.${crypto.randomUUID()}`, indicatorClass: 'impact' as const, name: { en: `${'x'.repeat(100)}${i}`, 'zh-CN': `${long(100)}${i}` } })),
];

describe('the Slack submit modal', () => {
  it('starts with one metric row, an "add a metric" button and a template select per row', () => {
    const view = renderSubmitModal(en, { ...base, templates: templates.slice(0, 13) });
    expect(checkView(view, 'modal')).toEqual({ messages: [] });
    expect(ids(view).filter((id) => /^metric\d_name$/.test(id!))).toEqual(['metric0_name']);
    const add = blocksOf(view).find((b) => b.block_id === 'metric_add')!;
    expect(add.elements?.[0]).toMatchObject({ action_id: 'outcome_metric_add', text: { text: 'Add a metric (2 of 3)' } });
    const select = blocksOf(view).find((b) => b.block_id === 'metric0_template')!.accessory!;
    // Grouped by indicator class: 4 process, 4 output, 5 impact.
    expect(select.option_groups!.map((g) => g.options.length)).toEqual([4, 4, 5]);
    // 24 blocks (the similar-outcomes button included) and 16 inputs, against 37 blocks and 29 inputs with three rows and two dates always shown.
    expect(blocksOf(view).length).toBe(24);
    expect(blocksOf(view).filter((b) => b.type === 'input')).toHaveLength(16);
    expect(view).toMatchSnapshot();
  });

  it('shows the rows asked for, drops the button at the maximum, and names a pre-filled row under new block ids', () => {
    const view = renderSubmitModal(en, { ...base, rows: 3, versions: [0, 2, 0], templateKeys: [null, 'builtin.nps', null], templates });
    expect(ids(view).filter((id) => /_name$/.test(id!))).toEqual(['metric0_name', 'metric1v2_name', 'metric2_name']);
    expect(ids(view)).not.toContain('metric_add');
    expect(blocksOf(view).find((b) => b.block_id === 'metric1_template')!.accessory!.initial_option!.value).toBe('builtin.nps');
  });

  it('offers the key results when there are some, and no select when there are none', () => {
    expect(ids(renderSubmitModal(en, base))).not.toContain('key_result');
    const view = renderSubmitModal(en, { ...base, keyResults: [{ id: 'kr-1', title: 'Grow › Retention to 90%' }], initial: { title: '', description: '', indicatorClass: null, projectId: null, keyResultId: 'kr-1', dueDate: null, metrics: [], links: [], filesKept: 0 } });
    expect(JSON.stringify(view)).toContain('"initial_option":{"text":{"type":"plain_text","text":"Grow › Retention to 90%","emoji":true},"value":"kr-1"}');
  });

  it('links the full web form, and omits the link when there is none', () => {
    expect(JSON.stringify(renderSubmitModal(en, { ...base, webFormUrl: 'https://outcome.example.com/app/outcomes/new' }))).toContain('<https://outcome.example.com/app/outcomes/new|Prefer a bigger screen? Open the full form on the web>');
    expect(JSON.stringify(renderSubmitModal(en, base))).not.toContain('/outcomes/new');
  });

  it('keeps the fullest modal (3 rows, 93 templates, 100 projects and key results, prefilled, in Chinese) within Slack’s limits', () => {
    const many = Array.from({ length: 120 }, (_, i) => ({ id: crypto.randomUUID(), name: `${long(90)}${i}`, title: `${long(200)}${i}` }));
    const metric = { name: long(100), unit: long(30), direction: 'decrease' as const, baseline: 1e15, target: -1e15, actual: '12.5' };
    const full = renderSubmitModal(zh, {
      ...base,
      privateMetadata: JSON.stringify({ mode: 'edit', o: crypto.randomUUID(), r: 9, n: 3, v: [1000, 1000, 1000], t: templates.slice(-3).map((t) => t.key), fk: 10 }),
      editing: true,
      projects: many,
      keyResults: many,
      templates,
      rows: 3,
      versions: [1000, 1000, 1000],
      templateKeys: templates.slice(-3).map((t) => t.key),
      webFormUrl: `https://outcome.example.com/${'p'.repeat(500)}/app/outcomes/new`,
      reviewerId: 'UMANAGER1',
      initial: { title: long(150), description: long(3000), indicatorClass: 'impact', projectId: many[3]!.id, keyResultId: many[5]!.id, dueDate: '2026-12-01', metrics: [metric, metric, metric], links: ['https://a.example', 'https://b.example', 'https://c.example'], filesKept: 10 },
    });
    expect(checkView(full, 'modal')).toEqual({ messages: [] });
    expect(blocksOf(full).length).toBeLessThanOrEqual(42);
  });
});
