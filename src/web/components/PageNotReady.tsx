import type { Loadable } from '../lib/use-api.ts';
import { useI18n } from '../lib/i18n.tsx';
import { Layout } from './Layout.tsx';
import { LoadError } from './LoadError.tsx';

/** A page's frame while its data loads, or the reason it could not be loaded. */
export function PageNotReady({
  title,
  loadable,
  loadingText,
}: {
  title: string;
  loadable: Exclude<Loadable<unknown>, { state: 'ready' }>;
  loadingText?: string;
}) {
  const { t } = useI18n();
  return (
    <Layout title={title}>
      {loadable.state === 'loading' ? (
        <p role="status">{loadingText ?? t('common.loading')}</p>
      ) : (
        <LoadError error={loadable.error} />
      )}
    </Layout>
  );
}
