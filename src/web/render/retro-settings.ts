import type { FieldError } from '../../domain/errors.ts';
import { RETRO_CADENCES, type WorkspaceSettingsShape } from '../../domain/settings.ts';
import { h, type Html } from './html.ts';
import type { Kit } from './kit.ts';

/**
 * The retrospective settings of the settings form: the cadence of the PMO's pack, and
 * whether the lessons prompt also asks the team. The checkbox sends a hidden 'off' first, so
 * unchecking it is a change the form can tell from an older form without the field.
 */
export function retroSettingsFieldset(kit: Kit, s: WorkspaceSettingsShape, problems: FieldError[]): Html {
  const notes = (field: string) => problems.filter((p) => p.field === field).map((p) => h`<span class="error" role="alert">${kit.t(p.key, p.params)}</span>`);
  return h`<fieldset><legend>${kit.t('web.settings.retro')}</legend>
<div class="field"><label for="retroCadence">${kit.t('web.settings.retro_cadence')}</label><select id="retroCadence" name="retroCadence">${RETRO_CADENCES.map(
    (c) => h`<option value="${c}"${s.retroCadence === c ? h` selected` : ''}>${kit.t(`web.settings.retro_cadence_${c}`)}</option>`,
  )}</select><span class="hint">${kit.t('web.settings.retro_cadence_hint')}</span>${notes('retroCadence')}</div>
<div class="field"><input type="hidden" name="lessonsFromTeam" value="off"><label><input type="checkbox" name="lessonsFromTeam" value="on"${s.lessonsFromTeam ? h` checked` : ''}> ${kit.t('web.settings.lessons_from_team')}</label>${notes('lessonsFromTeam')}</div>
</fieldset>`;
}
