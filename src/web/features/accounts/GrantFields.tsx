import { useState } from 'react';
import type { OrganisationResponse } from '../../../contracts/org.ts';
import { GRANT_SCOPES } from '../../../domain/accounts.ts';
import { ROLES, type Role } from '../../../domain/roles.ts';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { text } from '../../lib/form.ts';
import { useI18n } from '../../lib/i18n.tsx';

/** A grant as the form sends it: the role, and the unit or body it covers (null: none). */
export function grantFrom(form: FormData) {
  return {
    role: text(form, 'role') as Role,
    scopeUnitId: text(form, 'scopeUnitId') || null,
    scopeBodyId: text(form, 'scopeBodyId') || null,
  };
}

/**
 * The role and the scope it takes (the domain's rule): a unit from a searchable tree, a
 * political body, both optional or one required, as the role needs.
 */
export function GrantFields({ org, idPrefix }: { org: OrganisationResponse; idPrefix: string }) {
  const { t } = useI18n();
  const [role, setRole] = useState<Role>('employee');
  const scope = GRANT_SCOPES[role];
  const bodyNone = role === 'security_coordinator' ? t('grant.bodyAll') : t('grant.bodyNone');
  return (
    <>
      <div className="field">
        <label htmlFor={`${idPrefix}-role`}>{t('grant.role')}</label>
        <select
          id={`${idPrefix}-role`}
          name="role"
          value={role}
          onChange={(event) => setRole(event.target.value as Role)}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
      </div>
      {scope.unit !== 'never' && (
        <UnitPicker
          key={`${role}-unit`}
          units={org.units}
          allowed={{ everyone: true, unitIds: [] }}
          name="scopeUnitId"
          legend={t('grant.unit')}
          hint={
            scope.body === 'optional'
              ? `${t('grant.unitHint')} ${t('grant.oneScope')}`
              : t('grant.unitHint')
          }
          single
          none={scope.unit === 'required' ? t('grant.unitRequired') : t('grant.unitOptional')}
        />
      )}
      {scope.body !== 'never' && (
        <div className="field">
          <label htmlFor={`${idPrefix}-body`}>{t('grant.body')}</label>
          <select key={`${role}-body`} id={`${idPrefix}-body`} name="scopeBodyId" defaultValue="">
            <option value="">{scope.body === 'required' ? t('grant.bodyChoose') : bodyNone}</option>
            {org.bodies.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </div>
      )}
    </>
  );
}
