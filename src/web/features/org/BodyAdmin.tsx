import type { UnitSummary } from '../../../contracts/org.ts';
import { ActionForm } from '../../components/ActionForm.tsx';
import { text } from '../../lib/form.ts';
import { api } from '../../lib/api-client.ts';
import { useI18n } from '../../lib/i18n.tsx';

/** An administrator adds a council, board or committee (needed before its roster can be imported). */
export function BodyAdmin({
  offices,
  onChanged,
}: {
  offices: UnitSummary[];
  onChanged: () => void;
}) {
  const { t } = useI18n();
  return (
    <ActionForm
      legend={t('edit.newBody')}
      submitLabel={t('edit.create')}
      onDone={onChanged}
      onSubmit={(form) =>
        api('/api/org/bodies', {
          method: 'POST',
          body: {
            code: text(form, 'code'),
            name: text(form, 'name'),
            kind: text(form, 'kind'),
            officeIds: form
              .getAll('officeIds')
              .filter((value): value is string => typeof value === 'string'),
          },
        })
      }
    >
      <div className="field">
        <label htmlFor="body-code">{t('edit.bodyCode')}</label>
        <input id="body-code" name="code" required />
      </div>
      <div className="field">
        <label htmlFor="body-name">{t('edit.name')}</label>
        <input id="body-name" name="name" required />
      </div>
      <div className="field">
        <label htmlFor="body-kind">{t('edit.kind')}</label>
        <select id="body-kind" name="kind" defaultValue="committee">
          {(['council', 'board', 'committee'] as const).map((kind) => (
            <option key={kind} value={kind}>
              {t(`kind.${kind}`)}
            </option>
          ))}
        </select>
      </div>
      <fieldset>
        <legend>{t('edit.offices')}</legend>
        {offices.map((office) => (
          <label key={office.id} className="choice">
            <input type="checkbox" name="officeIds" value={office.id} />
            {office.name}
          </label>
        ))}
      </fieldset>
    </ActionForm>
  );
}
