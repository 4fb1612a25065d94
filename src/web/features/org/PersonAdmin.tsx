import { useState } from 'react';
import type { OrganisationResponse, PersonDetail } from '../../../contracts/org.ts';
import { ActionForm } from '../../components/ActionForm.tsx';
import { text } from '../../lib/form.ts';
import { api } from '../../lib/api-client.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';

const ROLES = ['member', 'substitute', 'chair', 'vice_chair'] as const;

/** An administrator's corrections of a person: details, employments, seats, and undoing a match. */
export function PersonAdmin({
  detail,
  onChanged,
}: {
  detail: PersonDetail;
  onChanged: () => void;
}) {
  const { t, errorText } = useI18n();
  const org = useApi<OrganisationResponse>('/api/org');
  const [splitError, setSplitError] = useState<string | null>(null);
  const [firstName = '', ...rest] = detail.person.name.split(' ');
  const units =
    org.state === 'ready'
      ? [...org.data.units].sort((a, b) => a.name.localeCompare(b.name, 'sv'))
      : [];
  const bodies = org.state === 'ready' ? org.data.bodies : [];

  async function split() {
    if (!window.confirm(t('edit.splitConfirm', { name: detail.person.name }))) return;
    try {
      await api(`/api/org/people/${detail.person.id}/split`, { method: 'POST' });
      onChanged();
    } catch (caught) {
      setSplitError(errorText(caught));
    }
  }

  return (
    <section aria-labelledby="admin-heading" className="admin">
      <h2 id="admin-heading">{t('edit.title')}</h2>
      {detail.person.employeeNumber && detail.person.officialNumber && (
        <div className="notice">
          <p>{t('edit.splitIntro')}</p>
          {splitError && (
            <p className="error" role="alert">
              {splitError}
            </p>
          )}
          <button type="button" className="secondary" onClick={() => void split()}>
            {t('edit.split')}
          </button>
        </div>
      )}
      <div className="admin-forms">
        <ActionForm
          legend={t('edit.person')}
          submitLabel={t('edit.save')}
          onDone={onChanged}
          onSubmit={(form) =>
            api(`/api/org/people/${detail.person.id}`, {
              method: 'PATCH',
              body: {
                firstName: text(form, 'firstName'),
                lastName: text(form, 'lastName'),
                email: text(form, 'email') || null,
              },
            })
          }
        >
          <div className="field">
            <label htmlFor="first-name">{t('edit.firstName')}</label>
            <input id="first-name" name="firstName" defaultValue={firstName} required />
          </div>
          <div className="field">
            <label htmlFor="last-name">{t('edit.lastName')}</label>
            <input id="last-name" name="lastName" defaultValue={rest.join(' ')} required />
          </div>
          <div className="field">
            <label htmlFor="email">{t('edit.email')}</label>
            <input id="email" name="email" type="email" defaultValue={detail.person.email ?? ''} />
          </div>
        </ActionForm>
        {detail.employments
          .filter((e) => e.active)
          .map((e) => (
            <ActionForm
              key={e.id}
              legend={`${t('edit.endEmployment')}: ${e.unit.name}`}
              submitLabel={t('edit.endEmployment')}
              onDone={onChanged}
              onSubmit={(form) =>
                api(`/api/org/employments/${e.id}/end`, {
                  method: 'POST',
                  body: { endDate: text(form, 'endDate') },
                })
              }
            >
              <div className="field">
                <label htmlFor={`end-${e.id}`}>{t('edit.endDate')}</label>
                <input id={`end-${e.id}`} name="endDate" type="date" required />
              </div>
            </ActionForm>
          ))}
        <ActionForm
          legend={t('edit.addEmployment')}
          submitLabel={t('edit.add')}
          onDone={onChanged}
          onSubmit={(form) =>
            api(`/api/org/people/${detail.person.id}/employments`, {
              method: 'POST',
              body: {
                unitId: text(form, 'unitId'),
                title: text(form, 'title'),
                isManager: form.get('isManager') === 'on',
                startDate: text(form, 'startDate'),
              },
            })
          }
        >
          <div className="field">
            <label htmlFor="employment-unit">{t('edit.unit')}</label>
            <select id="employment-unit" name="unitId" required>
              {units.map((unit) => (
                <option key={unit.id} value={unit.id}>
                  {unit.name} ({unit.code})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="employment-title">{t('edit.jobTitle')}</label>
            <input id="employment-title" name="title" required />
          </div>
          <label className="choice">
            <input type="checkbox" name="isManager" />
            {t('edit.isManager')}
          </label>
          <div className="field">
            <label htmlFor="employment-start">{t('edit.startDate')}</label>
            <input id="employment-start" name="startDate" type="date" required />
          </div>
        </ActionForm>
        <ActionForm
          legend={t('edit.addSeat')}
          submitLabel={t('edit.add')}
          onDone={onChanged}
          onSubmit={(form) =>
            api(`/api/org/people/${detail.person.id}/seats`, {
              method: 'POST',
              body: {
                bodyId: text(form, 'bodyId'),
                role: text(form, 'role'),
                termStart: text(form, 'termStart'),
                termEnd: text(form, 'termEnd') || null,
              },
            })
          }
        >
          <div className="field">
            <label htmlFor="seat-body">{t('edit.body')}</label>
            <select id="seat-body" name="bodyId" required>
              {bodies.map((body) => (
                <option key={body.id} value={body.id}>
                  {body.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="seat-role">{t('edit.role')}</label>
            <select id="seat-role" name="role">
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(`seat.${role}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="seat-start">{t('edit.termStart')}</label>
            <input id="seat-start" name="termStart" type="date" required />
          </div>
          <div className="field">
            <label htmlFor="seat-end">{t('edit.termEnd')}</label>
            <input id="seat-end" name="termEnd" type="date" />
          </div>
        </ActionForm>
      </div>
    </section>
  );
}
