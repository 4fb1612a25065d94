import { Link } from 'react-router';
import { Layout } from '../../components/Layout.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import { useAuth } from '../auth/auth-context.tsx';

export function HomePage() {
  const { t } = useI18n();
  const { me } = useAuth();
  if (!me) return null;
  return (
    <Layout title={t('home.title', { name: me.user.displayName })}>
      <p className="lead">{t('app.tagline')}</p>
      <section aria-labelledby="roles-heading">
        <h2 id="roles-heading">{t('home.roles')}</h2>
        <ul className="roles">
          {me.grants.map((grant) => (
            <li key={`${grant.role}-${grant.scopeUnit?.id ?? ''}-${grant.scopeBody?.id ?? ''}`}>
              <strong>{t(`role.${grant.role}`)}</strong>
              {' – '}
              {grant.scopeUnit?.name ?? grant.scopeBody?.name ?? t('home.wholeMunicipality')}
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="training-card-heading">
        <h2 id="training-card-heading">{t('nav.training')}</h2>
        <p>{t('home.trainingCard')}</p>
        <Link to="/utbildning">{t('home.openTraining')}</Link>
      </section>
      <section className="card" aria-labelledby="org-card-heading">
        <h2 id="org-card-heading">{t('nav.organisation')}</h2>
        <p>{t('home.organisationCard')}</p>
        <Link to="/organisation">{t('home.openOrganisation')}</Link>
      </section>
    </Layout>
  );
}
