import { useI18n } from '../../lib/i18n.tsx';
import { ChoiceGroup, NumberField, SelectField, TextField, type Editor } from './editor-fields.tsx';
import { addTarget, fieldId } from './editor-state.ts';

const SCOPES = ['overall', 'office', 'department', 'unit', 'committee'] as const;
type Scope = (typeof SCOPES)[number];
const POPULATIONS = ['all', 'employees', 'elected_officials'] as const;

/** The targets as the decision reads: a share, by a date, of whom, overall or in every node. */
export function TargetFields({ ed }: { ed: Editor }) {
  const { t } = useI18n();
  const { targets, courses } = ed.draft;
  return (
    <section aria-labelledby="editor-targets" id={fieldId('targets')} tabIndex={-1}>
      <h2 id="editor-targets">{t('editor.targets')}</h2>
      {targets.map((target, i) => {
        const at = (field: string) => `targets.${i}.${field}`;
        const scope: Scope = target.scope.kind === 'each' ? target.scope.level : 'overall';
        const name = target.name || target.code;
        return (
          <fieldset key={i} className="editor-item">
            <legend>{t('editor.target', { n: i + 1, name })}</legend>
            <TextField
              ed={ed}
              path={at('code')}
              label={t('editor.targetCode')}
              value={target.code}
            />
            <TextField
              ed={ed}
              path={at('name')}
              label={t('editor.targetName')}
              value={target.name}
            />
            <NumberField
              ed={ed}
              path={at('percent')}
              label={t('wizard.targetPercent')}
              value={target.percent}
            />
            <TextField
              ed={ed}
              path={at('by')}
              label={t('wizard.targetBy')}
              type="date"
              value={target.by}
            />
            <SelectField
              ed={ed}
              path={at('population')}
              label={t('editor.population')}
              value={target.population}
              options={POPULATIONS.map((p) => ({ value: p, label: t(`editor.population.${p}`) }))}
            />
            <SelectField
              ed={ed}
              path={at('scope')}
              label={t('wizard.targetScope')}
              value={scope}
              options={SCOPES.map((s) => ({ value: s, label: t(`dashboard.scope.${s}`) }))}
              onChange={(next) =>
                ed.set(
                  at('scope'),
                  next === 'overall' ? { kind: 'overall' } : { kind: 'each', level: next },
                )
              }
            />
            <ChoiceGroup
              ed={ed}
              path={at('courses')}
              legend={t('editor.targetCourses')}
              hint={t('editor.targetCoursesHint')}
              chosen={target.courses}
              options={courses
                .filter((c) => !c.forTrainers)
                .map((c) => ({ value: c.code, label: c.name || c.code }))}
              onChange={(next) => ed.set(at('courses'), next)}
            />
            <button
              type="button"
              className="secondary"
              disabled={targets.length === 1}
              onClick={() =>
                ed.set(
                  'targets',
                  targets.filter((_, t2) => t2 !== i),
                )
              }
            >
              {t('editor.removeTarget', { name })}
            </button>
          </fieldset>
        );
      })}
      <button type="button" className="secondary" onClick={() => ed.change(addTarget)}>
        {t('editor.addTarget')}
      </button>
    </section>
  );
}
