import type { AccountSummary } from '../../../contracts/users.ts';
import { GRANT_SCOPES } from '../../../domain/accounts.ts';
import type { MessageKey } from '../../lib/messages.ts';

type T = (key: MessageKey, values?: Record<string, string | number>) => string;

/** A role with what it covers, in words ("Chef – Biblioteket Centrum"; "Medarbetare"). */
export function grantText(t: T, grant: AccountSummary['grants'][number]): string {
  const role = t(`role.${grant.role}`);
  const named = grant.scopeUnit?.name ?? grant.scopeBody?.name;
  if (named) return t('account.grant', { role, scope: named });
  const need = GRANT_SCOPES[grant.role];
  if (need.unit === 'never' && need.body === 'never') return role;
  const whole =
    grant.role === 'security_coordinator'
      ? t('account.scopeAllOfficials')
      : t('account.scopeWhole');
  return t('account.grant', { role, scope: whole });
}
