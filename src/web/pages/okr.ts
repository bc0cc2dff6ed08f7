import { dayOf } from '../../domain/calendar-date.ts';
import type { FieldError } from '../../domain/errors.ts';
import { CYCLE_KINDS } from '../../domain/okr.ts';
import type { CycleNode, KeyResultNode, ObjectiveNode } from '../../views/okr-tree.ts';
import type { OkrPageData } from '../queries/okr.ts';
import { h, type Html } from '../render/html.ts';
import type { Kit } from '../render/kit.ts';
import { okrTreeHtml, type TreeEdits } from '../render/okr-tree.ts';

const NO_EDITS: TreeEdits = { objective: () => '', keyResult: () => '', cycle: () => '' };

const options = (list: readonly { id: string; label: string }[], selected: string | null, none?: string): Html =>
  h`${none !== undefined ? h`<option value="">${none}</option>` : ''}${list.map((o) => h`<option value="${o.id}"${o.id === selected ? h` selected` : ''}>${o.label}</option>`)}`;

/** Every objective of the tree, flat, with its cycle (for the parent and objective selects). */
function flatObjectives(tree: CycleNode[]): { id: string; label: string }[] {
  const out: { id: string; label: string }[] = [];
  const walk = (o: ObjectiveNode, depth: number, cycle: string) => {
    out.push({ id: o.id, label: `${'— '.repeat(depth)}${o.title}${cycle ? ` (${cycle})` : ''}` });
    o.children.forEach((c) => walk(c, depth + 1, cycle));
  };
  for (const c of tree) c.objectives.forEach((o) => walk(o, 0, c.name ?? ''));
  return out;
}

function cycleFields(kit: Kit, c?: CycleNode): Html {
  return h`<label>${kit.t('okr.field.name')} <input name="name" required maxlength="200" value="${c?.name ?? ''}"></label>
<label>${kit.t('okr.field.kind')} <select name="kind">${options(CYCLE_KINDS.map((k) => ({ id: k, label: kit.t(`okr.cycle_kind.${k}`) })), c?.kind ?? 'quarter')}</select></label>
<label>${kit.t('okr.field.starts')} <input type="date" name="startsAt" required value="${c?.startsAt ? dayOf(c.startsAt) : ''}"></label>
<label>${kit.t('okr.field.ends')} <input type="date" name="endsAt" required value="${c?.endsAt ? dayOf(c.endsAt) : ''}"></label>`;
}

function objectiveFields(kit: Kit, d: OkrPageData, o?: ObjectiveNode): Html {
  const cycles = d.tree.flatMap((c) => (c.id ? [{ id: c.id, label: c.name ?? '' }] : []));
  const parents = flatObjectives(d.tree).filter((p) => p.id !== o?.id);
  return h`<label>${kit.t('okr.field.title')} <input name="title" required maxlength="300" value="${o?.title ?? ''}"></label>
<label>${kit.t('okr.field.cycle')} <select name="cycleId">${options(cycles, o?.cycleId ?? null, kit.t('okr.no_cycle'))}</select></label>
<label>${kit.t('okr.field.parent')} <select name="parentId">${options(parents, o?.parentId ?? null, kit.t('okr.no_parent'))}</select></label>
<label>${kit.t('okr.field.owner')} <select name="ownerId">${options(d.people.map((p) => ({ id: p.id, label: p.name })), o?.ownerId ?? null, kit.t('okr.no_owner'))}</select></label>`;
}

function keyResultFields(kit: Kit, kr?: KeyResultNode): Html {
  return h`<label>${kit.t('okr.field.title')} <input name="title" required maxlength="300" value="${kr?.title ?? ''}"></label>
<label>${kit.t('okr.field.kr_kind')} <select name="kind">${options(['metric', 'milestone'].map((k) => ({ id: k, label: kit.t(`okr.kind.${k}`) })), kr?.kind ?? 'metric')}</select></label>
<label>${kit.t('okr.field.score')} <input name="score" inputmode="decimal" value="${kr?.manualScore ?? ''}" placeholder="0.0–1.0"></label> <span class="hint small">${kit.t('okr.score_hint')}</span>`;
}

const editForm = (kit: Kit, action: string, fields: Html, testId: string): Html =>
  h`<details class="small"><summary>${kit.t('okr.edit')}</summary><form method="post" action="${action}" data-testid="${testId}">${fields}<button type="submit">${kit.t('okr.save')}</button></form></details>`;

/** Edit forms inline in the tree, and the forms that create. */
function managerEdits(kit: Kit, d: OkrPageData): TreeEdits {
  return {
    cycle: (c) => (c.id ? editForm(kit, `/app/okr/cycles/${c.id}`, cycleFields(kit, c), 'edit-cycle') : ''),
    objective: (o) => editForm(kit, `/app/okr/objectives/${o.id}`, objectiveFields(kit, d, o), 'edit-objective'),
    keyResult: (kr) => editForm(kit, `/app/okr/key-results/${kr.id}`, keyResultFields(kit, kr), 'edit-kr'),
  };
}

function createForms(kit: Kit, d: OkrPageData): Html {
  const objectives = flatObjectives(d.tree);
  const importForm = d.canImport
    ? h`<form method="post" action="/app/okr/import" data-testid="okr-import"><button type="submit">${kit.t('okr.import')}</button> <span class="hint small">${kit.t('okr.import_hint')}</span></form>`
    : '';
  return h`<section class="card" data-testid="okr-manage"><h2>${kit.t('okr.manage')}</h2>${importForm}
<form method="post" action="/app/okr/cycles" data-testid="new-cycle"><fieldset><legend>${kit.t('okr.new_cycle')}</legend>${cycleFields(kit)}<button type="submit">${kit.t('okr.create')}</button></fieldset></form>
<form method="post" action="/app/okr/objectives" data-testid="new-objective"><fieldset><legend>${kit.t('okr.new_objective')}</legend>${objectiveFields(kit, d)}<button type="submit">${kit.t('okr.create')}</button></fieldset></form>
${objectives.length ? h`<form method="post" action="/app/okr/key-results" data-testid="new-kr"><fieldset><legend>${kit.t('okr.new_kr')}</legend><label>${kit.t('okr.field.objective')} <select name="objectiveId">${options(objectives, null)}</select></label>${keyResultFields(kit)}<button type="submit">${kit.t('okr.create')}</button></fieldset></form>` : ''}
</section>`;
}

/** The OKR page: the roll-up tree for everyone, the forms for admins and the PMO; problems of a refused form on top. */
export function okrBody(kit: Kit, d: OkrPageData, notice: { problems?: FieldError[]; done?: string | null } = {}): Html {
  const problems = notice.problems ?? [];
  const alert = problems.length
    ? h`<div class="alert error" role="alert" data-testid="okr-problems">${kit.t('error.validation_failed')}<ul>${problems.map((p) => h`<li>${kit.t(p.key, p.params)}</li>`)}</ul></div>`
    : notice.done
      ? h`<div class="alert ok" role="status" data-testid="okr-done">${kit.t(`okr.done.${notice.done}`)}</div>`
      : '';
  return h`${alert}<p class="hint small">${kit.t('okr.bands_hint')}</p>${okrTreeHtml(kit, d.tree, d.manages ? managerEdits(kit, d) : NO_EDITS)}${d.manages ? createForms(kit, d) : ''}`;
}
