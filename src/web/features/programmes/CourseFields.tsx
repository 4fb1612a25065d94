import { APPROVERS, COURSE_KINDS, EVIDENCE_KINDS } from '../../../contracts/programme-options.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { ChoiceGroup, NumberField, SelectField, TextField, type Editor } from './editor-fields.tsx';
import { addCourse, fieldId, removeCourse, renameCourse } from './editor-state.ts';

/** The curriculum: each course with its kind, level and prerequisites, modules and approval. */
export function CourseFields({ ed }: { ed: Editor }) {
  const { t } = useI18n();
  const { courses } = ed.draft;
  return (
    <section aria-labelledby="editor-courses" id={fieldId('courses')} tabIndex={-1}>
      <h2 id="editor-courses">{t('editor.courses')}</h2>
      {courses.map((course, i) => {
        const at = (field: string) => `courses.${i}.${field}`;
        // Only a lower level can be required first (the file's rule); a wrong one already
        // chosen stays shown, with its problem.
        const others = courses.filter(
          (c) =>
            c.code !== course.code && (c.level < course.level || course.requires.includes(c.code)),
        );
        const name = course.name || course.code;
        return (
          <fieldset key={i} className="editor-item">
            <legend>{t('editor.course', { n: i + 1, name })}</legend>
            <TextField
              ed={ed}
              path={at('code')}
              label={t('wizard.courseCode')}
              value={course.code}
              hint={t('editor.courseCodeHint')}
              onChange={(code) => ed.change((d) => renameCourse(d, i, code))}
            />
            <TextField
              ed={ed}
              path={at('name')}
              label={t('wizard.courseName')}
              value={course.name}
            />
            <SelectField
              ed={ed}
              path={at('kind')}
              label={t('wizard.courseKind')}
              value={course.kind}
              options={COURSE_KINDS.map((k) => ({ value: k, label: t(`courseKind.${k}`) }))}
            />
            {course.kind === 'web_course' && (
              <>
                <TextField
                  ed={ed}
                  path={at('provider')}
                  label={t('wizard.provider')}
                  value={course.provider}
                  onChange={(v) => ed.set(at('provider'), v || undefined)}
                />
                <TextField
                  ed={ed}
                  path={at('url')}
                  label={t('wizard.url')}
                  type="url"
                  value={course.url}
                  onChange={(v) => ed.set(at('url'), v || undefined)}
                />
              </>
            )}
            <NumberField
              ed={ed}
              path={at('level')}
              label={t('editor.level')}
              value={course.level}
            />
            {others.length > 0 && (
              <ChoiceGroup
                ed={ed}
                path={at('requires')}
                legend={t('editor.requires')}
                hint={t('editor.requiresHint')}
                chosen={course.requires}
                options={others.map((c) => ({ value: c.code, label: c.name || c.code }))}
                onChange={(next) => ed.set(at('requires'), next)}
              />
            )}
            <NumberField
              ed={ed}
              path={at('validForMonths')}
              label={t('editor.validFor')}
              value={course.validForMonths}
              optional
            />
            <SelectField
              ed={ed}
              path={at('evidence')}
              label={t('wizard.evidence')}
              value={course.evidence}
              options={EVIDENCE_KINDS.map((k) => ({ value: k, label: t(`evidence.${k}`) }))}
            />
            <SelectField
              ed={ed}
              path={at('approval')}
              label={t('wizard.approval')}
              value={course.approval}
              options={APPROVERS.map((k) => ({ value: k, label: t(`approval.${k}`) }))}
            />
            <label className="choice">
              <input
                type="checkbox"
                checked={course.forTrainers}
                onChange={(event) => ed.set(at('forTrainers'), event.target.checked)}
              />
              {t('editor.forTrainers')}
            </label>
            {(course.kind === 'session' || course.kind === 'drill') && (
              <NumberField
                ed={ed}
                path={at('sessionCapacity')}
                label={t('editor.capacity')}
                value={course.sessionCapacity}
                optional
              />
            )}
            <ModuleFields ed={ed} index={i} />
            <button
              type="button"
              className="secondary"
              disabled={courses.length === 1}
              onClick={() => ed.change((d) => removeCourse(d, i))}
            >
              {t('editor.removeCourse', { name })}
            </button>
          </fieldset>
        );
      })}
      <button type="button" className="secondary" onClick={() => ed.change(addCourse)}>
        {t('editor.addCourse')}
      </button>
    </section>
  );
}

function ModuleFields({ ed, index }: { ed: Editor; index: number }) {
  const { t } = useI18n();
  const modules = ed.draft.courses[index]?.modules ?? [];
  const path = `courses.${index}.modules`;
  return (
    <fieldset className="editor-modules">
      <legend>{t('editor.modules')}</legend>
      {modules.length === 0 && <p className="hint">{t('editor.noModules')}</p>}
      {modules.map((module, m) => (
        <div key={m} className="editor-row">
          <TextField
            ed={ed}
            path={`${path}.${m}.code`}
            label={t('editor.moduleCode', { n: m + 1 })}
            value={module.code}
          />
          <TextField
            ed={ed}
            path={`${path}.${m}.name`}
            label={t('editor.moduleName', { n: m + 1 })}
            value={module.name}
          />
          <button
            type="button"
            className="link-button"
            onClick={() =>
              ed.set(
                path,
                modules.filter((_, i) => i !== m),
              )
            }
          >
            {t('editor.removeModule', { n: m + 1 })}
          </button>
        </div>
      ))}
      <button
        type="button"
        className="link-button"
        onClick={() => ed.set(path, [...modules, { code: `DEL-${modules.length + 1}`, name: '' }])}
      >
        {t('editor.addModule')}
      </button>
    </fieldset>
  );
}
