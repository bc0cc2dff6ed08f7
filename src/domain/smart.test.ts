import { describe, it, expect } from 'vitest';
import { checkSmart } from './smart.ts';
import type { MetricInput, OutcomeDraft } from './types.ts';

const metric = (over: Partial<MetricInput> = {}): MetricInput => ({
  name: 'Waiting time',
  unit: 'min',
  direction: 'decrease',
  baseline: 45,
  target: 28,
  ...over,
});

const draft = (over: Partial<OutcomeDraft> = {}): OutcomeDraft => ({
  title: 'Shorter clinic waiting time',
  description: 'Online triage cut the average wait at the front desk from 45 to 32 minutes.',
  indicatorClass: 'impact',
  projectId: 'p1',
  ownerId: 'u1',
  dueDate: new Date('2026-03-31T16:00:00Z'),
  metrics: [metric()],
  evidence: [{ kind: 'link', ref: 'https://example.com/report' }],
  ...over,
});

const keys = (d: OutcomeDraft): Record<string, string> => Object.fromEntries(checkSmart(d).map((e) => [e.field, e.key]));

describe('checkSmart', () => {
  it('accepts a complete draft', () => {
    expect(checkSmart(draft())).toEqual([]);
  });

  it('reports every missing piece of an empty draft, one per field', () => {
    const empty: OutcomeDraft = {
      title: '',
      description: ' ',
      indicatorClass: null,
      projectId: null,
      ownerId: null,
      dueDate: null,
      metrics: [],
      evidence: [],
    };
    expect(checkSmart(empty)).toEqual([
      { field: 'title', key: 'smart.title_required' },
      { field: 'description', key: 'smart.description_required' },
      { field: 'indicatorClass', key: 'smart.indicator_class_required' },
      { field: 'projectId', key: 'smart.project_required' },
      { field: 'ownerId', key: 'smart.owner_required' },
      { field: 'dueDate', key: 'smart.due_date_required' },
      { field: 'metrics', key: 'smart.metrics_required' },
    ]);
  });

  it('limits the title to 150 characters, counting CJK characters as one', () => {
    expect(keys(draft({ title: 'x'.repeat(150) }))).toEqual({});
    expect(checkSmart(draft({ title: 'x'.repeat(151) }))).toEqual([{ field: 'title', key: 'smart.title_too_long', params: { max: 150 } }]);
    expect(keys(draft({ title: '缩'.repeat(150) }))).toEqual({});
  });

  it('needs a description of at least 20 characters', () => {
    expect(checkSmart(draft({ description: 'Faster now.' }))).toEqual([
      { field: 'description', key: 'smart.description_too_short', params: { min: 20 } },
    ]);
    expect(keys(draft({ description: '线上分诊使前台平均等待时间由45分钟降到32分钟' }))).toEqual({});
  });

  it('rejects an invalid due date and an unknown indicator class', () => {
    const forged = draft({ dueDate: new Date('nope'), indicatorClass: 'vanity' as unknown as OutcomeDraft['indicatorClass'] });
    expect(keys(forged)).toEqual({ dueDate: 'smart.due_date_invalid', indicatorClass: 'smart.indicator_class_invalid' });
  });

  it('allows at most 3 metrics', () => {
    expect(keys(draft({ metrics: [metric(), metric(), metric()] }))).toEqual({});
    expect(checkSmart(draft({ metrics: [metric(), metric(), metric(), metric()] }))).toEqual([
      { field: 'metrics', key: 'smart.metrics_too_many', params: { max: 3 } },
    ]);
  });

  it('checks each metric field, naming it by index', () => {
    const bad = metric({ name: '', unit: ' ', baseline: null, target: null, actual: Number.NaN });
    expect(keys(draft({ metrics: [metric(), bad] }))).toEqual({
      'metrics.1.name': 'smart.metric_name_required',
      'metrics.1.unit': 'smart.metric_unit_required',
      'metrics.1.baseline': 'smart.baseline_required',
      'metrics.1.target': 'smart.target_required',
      'metrics.1.actual': 'smart.actual_not_number',
    });
  });

  it('treats Infinity as not a number', () => {
    expect(keys(draft({ metrics: [metric({ baseline: Number.POSITIVE_INFINITY })] }))).toEqual({
      'metrics.0.baseline': 'smart.baseline_required',
    });
  });

  it('requires target ≠ baseline', () => {
    expect(keys(draft({ metrics: [metric({ baseline: 45, target: 45 })] }))).toEqual({ 'metrics.0.target': 'smart.target_equals_baseline' });
  });

  it('requires the target in the metric direction', () => {
    expect(checkSmart(draft({ metrics: [metric({ direction: 'decrease', baseline: 45, target: 50 })] }))).toEqual([
      { field: 'metrics.0.target', key: 'smart.target_wrong_direction', params: { baseline: 45, direction: 'decrease' } },
    ]);
    expect(keys(draft({ metrics: [metric({ direction: 'increase', baseline: 45, target: 28 })] }))).toEqual({
      'metrics.0.target': 'smart.target_wrong_direction',
    });
    expect(keys(draft({ metrics: [metric({ direction: 'increase', baseline: 0, target: 10 })] }))).toEqual({});
  });

  it('accepts a given finite actual and an absent one', () => {
    expect(keys(draft({ metrics: [metric({ actual: 32 }), metric({ actual: null })] }))).toEqual({});
  });

  it('requires http(s) URLs for link evidence only', () => {
    const evidence: OutcomeDraft['evidence'] = [
      { kind: 'link', ref: 'http://intranet.example.com/a' },
      { kind: 'link', ref: 'javascript:alert(1)' },
      { kind: 'link', ref: 'example.com/report' },
      { kind: 'file', ref: 'F07ABCDEF' },
      { kind: 'image', ref: '' },
    ];
    expect(keys(draft({ evidence }))).toEqual({
      'evidence.1.ref': 'smart.evidence_bad_url',
      'evidence.2.ref': 'smart.evidence_bad_url',
      'evidence.4.ref': 'smart.evidence_ref_required',
    });
  });

  it('every key is prefixed smart.', () => {
    const all = checkSmart({
      title: '',
      description: 'short',
      indicatorClass: null,
      projectId: '',
      ownerId: '',
      dueDate: null,
      metrics: [metric({ target: 50 })],
      evidence: [{ kind: 'link', ref: 'ftp://x' }],
    });
    expect(all.length).toBe(8);
    expect(all.every((e) => e.key.startsWith('smart.'))).toBe(true);
  });
});
