import type { OrganisationResponse } from '../../../contracts/org.ts';
import { AUDIENCE_ROLES } from '../../../contracts/programme-options.ts';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import { ChoiceGroup, NumberField, TextField, type Editor } from './editor-fields.tsx';
import { fieldId, joinList, newRule, splitList } from './editor-state.ts';

/** Who is in the programme: rules that include, and rules that exclude. */
export function AudienceFields({ ed, org }: { ed: Editor; org: OrganisationResponse }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="editor-audience" id={fieldId('audience')} tabIndex={-1}>
      <h2 id="editor-audience">{t('editor.audience')}</h2>
      {(['include', 'exclude'] as const).map((kind) => {
        const rules = ed.draft.audience[kind];
        return (
          <div key={kind}>
            <h3>{t(`editor.${kind}`)}</h3>
            {kind === 'exclude' && rules.length === 0 && <p>{t('editor.noExclude')}</p>}
            {rules.map((rule, r) => {
              const at = (field: string) => `audience.${kind}.${r}.${field}`;
              const codeToId = new Map(org.units.map((u) => [u.code, u.id]));
              const idToCode = new Map(org.units.map((u) => [u.id, u.code]));
              return (
                <fieldset key={r} className="editor-item">
                  <legend>{t(`editor.${kind}Rule`, { n: r + 1 })}</legend>
                  <ChoiceGroup
                    ed={ed}
                    path={at('roles')}
                    legend={t('editor.ruleRoles')}
                    chosen={rule.roles}
                    options={AUDIENCE_ROLES.map((role) => ({
                      value: role,
                      label: t(`audienceRole.${role}`),
                    }))}
                    onChange={(next) => ed.set(at('roles'), next)}
                  />
                  <div id={fieldId(at('units'))} tabIndex={-1}>
                    <UnitPicker
                      units={org.units}
                      allowed={{ everyone: true, unitIds: [] }}
                      name={`${kind}-${r}-units`}
                      legend={t('editor.ruleUnits')}
                      hint={t('editor.ruleUnitsHint')}
                      none={t('editor.ruleUnitsNone')}
                      value={rule.units.flatMap((code) => codeToId.get(code) ?? [])}
                      onChange={(ids) =>
                        ed.set(
                          at('units'),
                          ids.flatMap((id) => idToCode.get(id) ?? []),
                        )
                      }
                    />
                  </div>
                  {org.bodies.length > 0 && (
                    <ChoiceGroup
                      ed={ed}
                      path={at('bodies')}
                      legend={t('editor.ruleBodies')}
                      chosen={rule.bodies}
                      options={org.bodies.map((b) => ({ value: b.code, label: b.name }))}
                      onChange={(next) => ed.set(at('bodies'), next)}
                    />
                  )}
                  <TextField
                    ed={ed}
                    path={at('titles')}
                    label={t('editor.ruleTitles')}
                    value={joinList(rule.titles)}
                    onChange={(text) => ed.set(at('titles'), splitList(text))}
                  />
                  <NumberField
                    ed={ed}
                    path={at('startedWithinDays')}
                    label={t('wizard.newWithin')}
                    value={rule.startedWithinDays}
                    optional
                  />
                  <button
                    type="button"
                    className="secondary"
                    disabled={kind === 'include' && rules.length === 1}
                    onClick={() =>
                      ed.set(
                        `audience.${kind}`,
                        rules.filter((_, i) => i !== r),
                      )
                    }
                  >
                    {t('editor.removeRule', { n: r + 1 })}
                  </button>
                </fieldset>
              );
            })}
            <button
              type="button"
              className="secondary"
              onClick={() => ed.set(`audience.${kind}`, [...rules, newRule()])}
            >
              {t(kind === 'include' ? 'editor.addInclude' : 'editor.addExclude')}
            </button>
          </div>
        );
      })}
    </section>
  );
}
