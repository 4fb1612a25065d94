import { useId, useState } from 'react';
import type { PersonProgrammes } from '../../../contracts/programmes.ts';
import { ActionForm } from '../../components/ActionForm.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { api } from '../../lib/api-client.ts';
import { formatDate, todayInStockholm } from '../../lib/dates.ts';
import { formValue, text } from '../../lib/form.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { describeReason } from './describe-rule.ts';
import { useApi } from '../../lib/use-api.ts';

type Programme = PersonProgrammes['programmes'][number];

/** On a person's page: each active programme, whether they are in its audience and why. */
export function PersonProgrammesSection({ personId }: { personId: string }) {
  const { t } = useI18n();
  const [version, setVersion] = useState(0);
  const data = useApi<PersonProgrammes>(`/api/people/${personId}/programmes`, version);
  if (data.state === 'loading') return <p role="status">{t('common.loading')}</p>;
  if (data.state === 'error') return <LoadError error={data.error} />;
  const reload = () => setVersion((v) => v + 1);
  return (
    <section aria-labelledby="person-programmes-heading">
      <h2 id="person-programmes-heading">{t('personProgrammes.title')}</h2>
      {data.data.programmes.length === 0 && <p>{t('personProgrammes.none')}</p>}
      {data.data.programmes.map((programme) => (
        <ProgrammeCard
          key={programme.id}
          personId={personId}
          programme={programme}
          canManage={programme.canManage}
          onChanged={reload}
        />
      ))}
    </section>
  );
}

function ProgrammeCard({
  personId,
  programme,
  canManage,
  onChanged,
}: {
  personId: string;
  programme: Programme;
  canManage: boolean;
  onChanged: () => void;
}) {
  const { t, locale } = useI18n();
  const id = useId();
  const day = (date: string) => formatDate(locale, date);
  const why = programme.excludedBy
    ? describeReason(t, day, programme.excludedBy, true)
    : programme.includedBy
      ? describeReason(t, day, programme.includedBy, false)
      : t('personProgrammes.noRule');
  return (
    <article className="card wide" aria-labelledby={`${id}-name`}>
      <h3 id={`${id}-name`}>{programme.name}</h3>
      <p>
        <strong>
          {t(programme.member ? 'personProgrammes.member' : 'personProgrammes.notMember')}
        </strong>
        {': '}
        {why}
      </p>
      <p className="meta-line">
        {programme.assignment
          ? [
              t('personProgrammes.assigned', {
                date: formatDate(locale, programme.assignment.assignedOn),
              }),
              programme.assignment.dueOn &&
                t('training.due', { date: formatDate(locale, programme.assignment.dueOn) }),
              programme.assignment.exemptReason &&
                t('people.exempt', { reason: programme.assignment.exemptReason }),
            ]
              .filter(Boolean)
              .join(' · ')
          : t('personProgrammes.notAssigned')}
      </p>
      {programme.completions.length > 0 && (
        <ul>
          {programme.completions.map((completion) => (
            <li key={completion.id}>
              {completion.courseName}, {formatDate(locale, completion.completedOn)} –{' '}
              {completion.voided
                ? t('completion.voided', { reason: completion.voidReason ?? '' })
                : `${t(`completion.status.${completion.status}`)} (${t(`completion.source.${completion.source}`)})`}
              {canManage && !completion.voided && (
                <ActionForm
                  legend={t('personProgrammes.voidReason', { course: completion.courseName })}
                  submitLabel={t('personProgrammes.void')}
                  onSubmit={(form) =>
                    api(`/api/completions/${completion.id}/correction`, {
                      method: 'POST',
                      body: { reason: text(form, 'reason') },
                    })
                  }
                  onDone={onChanged}
                >
                  <div className="field">
                    <label htmlFor={`${id}-${completion.id}`}>{t('training.note')}</label>
                    <input id={`${id}-${completion.id}`} name="reason" required minLength={3} />
                  </div>
                </ActionForm>
              )}
            </li>
          ))}
        </ul>
      )}
      {canManage && (
        <div className="admin-forms">
          {programme.assignment && (
            <ActionForm
              legend={t('personProgrammes.exempt')}
              submitLabel={t('personProgrammes.exempt')}
              onSubmit={(form) =>
                api(`/api/programmes/${programme.id}/exemptions`, {
                  method: 'POST',
                  body: { personId, reason: text(form, 'reason') },
                })
              }
              onDone={onChanged}
            >
              <div className="field">
                <label htmlFor={`${id}-exempt`}>{t('personProgrammes.exemptReason')}</label>
                <input
                  id={`${id}-exempt`}
                  name="reason"
                  defaultValue={programme.assignment.exemptReason ?? ''}
                />
              </div>
            </ActionForm>
          )}
          <ActionForm
            legend={t('personProgrammes.register')}
            submitLabel={t('edit.add')}
            onSubmit={(form) =>
              api('/api/completions', {
                method: 'POST',
                body: {
                  personId,
                  courseId: formValue(form, 'courseId'),
                  completedOn: formValue(form, 'completedOn'),
                },
              })
            }
            onDone={onChanged}
          >
            <div className="field">
              <label htmlFor={`${id}-course`}>{t('table.course')}</label>
              <select id={`${id}-course`} name="courseId">
                {programme.courses.map((course) => (
                  <option key={course.id} value={course.id}>
                    {course.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-date`}>{t('table.date')}</label>
              <input
                id={`${id}-date`}
                name="completedOn"
                type="date"
                required
                max={todayInStockholm()}
                defaultValue={todayInStockholm()}
              />
            </div>
          </ActionForm>
        </div>
      )}
    </article>
  );
}
