import { ActionForm, text } from '../../components/ActionForm.tsx';
import type { PersonDetail } from '../../../contracts/org.ts';
import { api } from '../../lib/api-client.ts';
import { useI18n } from '../../lib/i18n.tsx';

/** An administrator's corrections of a person: name and e-mail, and ending an employment. */
export function PersonAdmin({
  detail,
  onChanged,
}: {
  detail: PersonDetail;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const [firstName = '', ...rest] = detail.person.name.split(' ');
  return (
    <section aria-labelledby="admin-heading" className="admin">
      <h2 id="admin-heading">{t('edit.title')}</h2>
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
      </div>
    </section>
  );
}
