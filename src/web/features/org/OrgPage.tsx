import { useState } from 'react';
import { Link } from 'react-router';
import type { OrganisationResponse } from '../../../contracts/org.ts';
import { Layout } from '../../components/Layout.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { OrgTree } from './OrgTree.tsx';
import { BodyAdmin } from './BodyAdmin.tsx';

export function OrgPage() {
  const { t } = useI18n();
  const [version, setVersion] = useState(0);
  const org = useApi<OrganisationResponse>('/api/org', version);
  return (
    <Layout title={t('org.title')}>
      {org.state === 'loading' && <p role="status">{t('org.loading')}</p>}
      {org.state === 'error' && <LoadError error={org.error} />}
      {org.state === 'ready' && (
        <div className="columns">
          <section aria-labelledby="tree-heading">
            <h2 id="tree-heading">{t('org.tree')}</h2>
            <OrgTree units={org.data.units} />
          </section>
          <section aria-labelledby="bodies-heading">
            <h2 id="bodies-heading">{t('org.bodies')}</h2>
            <ul className="bodies">
              {org.data.bodies.map((body) => (
                <li key={body.id}>
                  <Link to={`/organisation/organ/${body.id}`}>{body.name}</Link>
                  <span className="meta">
                    {t(`kind.${body.kind}`)} ·{' '}
                    {t('org.members', { members: body.members, substitutes: body.substitutes })}
                  </span>
                  {body.offices.length > 0 && (
                    <span className="meta">
                      {t('org.servedBy', { offices: body.offices.map((o) => o.name).join(', ') })}
                    </span>
                  )}
                </li>
              ))}
            </ul>
            {org.data.can.edit && (
              <BodyAdmin
                offices={org.data.units.filter((u) => u.kind === 'office')}
                onChanged={() => setVersion((v) => v + 1)}
              />
            )}
          </section>
        </div>
      )}
    </Layout>
  );
}
