import { dayOf } from '../../domain/calendar-date.ts';
import type { ScoreBand } from '../../domain/okr.ts';
import type { CycleNode, KeyResultNode, ObjectiveNode } from '../../views/okr-tree.ts';
import { changeText, empty, statusPill } from './bits.ts';
import { h, type Html } from './html.ts';
import type { Kit } from './kit.ts';

// The pill colours the stylesheet already has: green, amber, red.
const BAND_CLASS: Record<ScoreBand, string> = { green: 'verified', yellow: 'changes_requested', red: 'rejected' };

/** A score as "0.72" in its colour band, or a dash without one. */
export function scorePill(kit: Kit, score: number | null, band: ScoreBand | null): Html {
  if (score === null || band === null) return h`<span class="pill" data-band="none">—</span>`;
  return h`<span class="pill ${BAND_CLASS[band]}" data-band="${band}" title="${kit.t(`okr.band.${band}`)}">${score.toFixed(2)}</span>`;
}

/** Where a key result's score comes from: set by hand, or derived from n outcomes. */
const sourceText = (kit: Kit, kr: KeyResultNode): string =>
  kr.source === 'manual' ? kit.t('okr.source.manual') : kr.source === 'derived' ? kit.t('okr.source.derived', { n: kr.derivedFrom }) : kit.t('okr.source.none');

function keyResult(kit: Kit, kr: KeyResultNode, edit: (kr: KeyResultNode) => Html | ''): Html {
  const outcomes = kr.outcomes.map(
    (o) =>
      h`<li data-testid="okr-outcome">${o.visible ? h`<a href="/app/outcomes/${encodeURIComponent(o.id)}">${o.title}</a>` : h`<span class="muted">${kit.t('okr.outcome_hidden')}</span>`} ${statusPill(kit, o.status as 'verified')} <span class="small muted">${
        o.attainment === null ? kit.t('okr.no_attainment') : kit.t('okr.attainment', { pct: kit.pct(o.attainment) })
      }</span></li>`,
  );
  return h`<li class="kr" data-testid="okr-kr" data-kr="${kr.id}">${scorePill(kit, kr.score, kr.band)} <strong>${kr.title}</strong> <span class="small muted">${kit.t(`okr.kind.${kr.kind}`)} · <span data-testid="okr-source">${sourceText(kit, kr)}</span></span>${
    outcomes.length ? h`<ul>${outcomes}</ul>` : ''
  }${edit(kr)}</li>`;
}

/** ROI rolled up over the objective's outcomes that record cost and benefit. */
function roiLine(kit: Kit, o: ObjectiveNode): Html | '' {
  if (!o.roi.outcomes) return '';
  return h` <span class="small" data-testid="okr-roi">${kit.t('okr.roi', { n: o.roi.outcomes, cost: kit.num(o.roi.cost), benefit: kit.num(o.roi.benefit) })} ${changeText(kit, o.roi.roi)}</span>`;
}

/** Edit forms per node, for managers; none for the rest. */
export interface TreeEdits {
  objective(o: ObjectiveNode): Html | '';
  keyResult(kr: KeyResultNode): Html | '';
  cycle(c: CycleNode): Html | '';
}

function objective(kit: Kit, o: ObjectiveNode, edits: TreeEdits): Html {
  const owner = o.ownerName ? h` <span class="small muted">${kit.t('okr.owner', { name: o.ownerName })}</span>` : '';
  const krs = o.keyResults.length ? h`<ul class="krs">${o.keyResults.map((k) => keyResult(kit, k, edits.keyResult))}</ul>` : empty(kit.t('okr.no_key_results'));
  const children = o.children.length ? h`<ul class="objectives">${o.children.map((c) => objective(kit, c, edits))}</ul>` : '';
  return h`<li class="objective" data-testid="okr-objective" data-objective="${o.id}">${scorePill(kit, o.score, o.band)} <strong>${o.title}</strong>${owner}${roiLine(kit, o)}${edits.objective(o)}${krs}${children}</li>`;
}

/** The roll-up tree: each cycle with its objectives nested by parent, their key results and linked outcomes. */
export function okrTreeHtml(kit: Kit, tree: CycleNode[], edits: TreeEdits): Html {
  if (!tree.length) return empty(kit.t('okr.none'));
  return h`${tree.map(
    (c) => h`<section class="card" data-testid="okr-cycle"><h2>${c.name ?? kit.t('okr.no_cycle')}${
      c.kind ? h` <span class="small muted">${kit.t(`okr.cycle_kind.${c.kind}`)} · ${dayOf(c.startsAt!)} – ${dayOf(c.endsAt!)}</span>` : ''
    }</h2>${edits.cycle(c)}${c.objectives.length ? h`<ul class="objectives">${c.objectives.map((o) => objective(kit, o, edits))}</ul>` : empty(kit.t('okr.no_objectives'))}</section>`,
  )}`;
}
