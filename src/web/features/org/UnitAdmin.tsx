import { ActionForm } from '../../components/ActionForm.tsx';
import { text } from '../../lib/form.ts';
import { api } from '../../lib/api-client.ts';
import { useI18n } from '../../lib/i18n.tsx';

/** An administrator's changes to one unit: rename, add a sub-unit, close. */
export function UnitAdmin({
  unit,
  onChanged,
}: {
  unit: { id: string; name: string; kind: string };
  onChanged: () => void;
}) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="admin-heading" className="admin">
      <h2 id="admin-heading">{t('edit.title')}</h2>
      <div className="admin-forms">
        <ActionForm
          legend={t('edit.rename')}
          submitLabel={t('edit.save')}
          onDone={onChanged}
          onSubmit={(form) =>
            api(`/api/org/units/${unit.id}`, {
              method: 'PATCH',
              body: { name: text(form, 'name') },
            })
          }
        >
          <div className="field">
            <label htmlFor="rename">{t('edit.name')}</label>
            <input id="rename" name="name" defaultValue={unit.name} required />
          </div>
        </ActionForm>
        <ActionForm
          legend={t('edit.newUnit')}
          submitLabel={t('edit.create')}
          onDone={onChanged}
          onSubmit={(form) =>
            api('/api/org/units', {
              method: 'POST',
              body: {
                code: text(form, 'code'),
                name: text(form, 'name'),
                kind: text(form, 'kind'),
                parentId: unit.id,
              },
            })
          }
        >
          <div className="field">
            <label htmlFor="new-code">{t('edit.code')}</label>
            <input id="new-code" name="code" required />
          </div>
          <div className="field">
            <label htmlFor="new-name">{t('edit.name')}</label>
            <input id="new-name" name="name" required />
          </div>
          <div className="field">
            <label htmlFor="new-kind">{t('edit.kind')}</label>
            <select
              id="new-kind"
              name="kind"
              defaultValue={unit.kind === 'municipality' ? 'office' : 'unit'}
            >
              {(['office', 'department', 'unit'] as const).map((kind) => (
                <option key={kind} value={kind}>
                  {t(`kind.${kind}`)}
                </option>
              ))}
            </select>
          </div>
        </ActionForm>
        {unit.kind !== 'municipality' && (
          <ActionForm
            legend={t('edit.close')}
            submitLabel={t('edit.close')}
            onDone={onChanged}
            onSubmit={(form) =>
              api(`/api/org/units/${unit.id}/close`, {
                method: 'POST',
                body: { validTo: text(form, 'validTo') },
              })
            }
          >
            <div className="field">
              <label htmlFor="close-date">{t('edit.closeDate')}</label>
              <input id="close-date" name="validTo" type="date" required />
            </div>
          </ActionForm>
        )}
      </div>
    </section>
  );
}
