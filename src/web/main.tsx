import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Link, Navigate, Route, Routes } from 'react-router';
import { Layout } from './components/Layout.tsx';
import { AccountPage } from './features/accounts/AccountPage.tsx';
import { AccountsPage } from './features/accounts/AccountsPage.tsx';
import { FromPeoplePage } from './features/accounts/FromPeoplePage.tsx';
import { NewAccountPage } from './features/accounts/NewAccountPage.tsx';
import { AuthProvider, useAuth } from './features/auth/auth-context.tsx';
import { LoginPage } from './features/auth/LoginPage.tsx';
import { HomePage } from './features/home/HomePage.tsx';
import { HistoryPage } from './features/imports/HistoryPage.tsx';
import { ImportPage } from './features/imports/ImportPage.tsx';
import { BodyPage } from './features/org/BodyPage.tsx';
import { OrgPage } from './features/org/OrgPage.tsx';
import { PeopleSearchPage } from './features/org/PeopleSearchPage.tsx';
import { PersonPage } from './features/org/PersonPage.tsx';
import { CompletionImportPage } from './features/programmes/CompletionImportPage.tsx';
import { DashboardPage } from './features/programmes/DashboardPage.tsx';
import { MissingPage } from './features/programmes/MissingPage.tsx';
import { ProgrammeEditorPage } from './features/programmes/ProgrammeEditorPage.tsx';
import { ProgrammesPage } from './features/programmes/ProgrammesPage.tsx';
import { RemindersPage } from './features/programmes/RemindersPage.tsx';
import { WizardPage } from './features/programmes/WizardPage.tsx';
import { ChoicesPage } from './features/notifications/ChoicesPage.tsx';
import { NotificationsPage } from './features/notifications/NotificationsPage.tsx';
import { MailPage, OutboxPage } from './features/notifications/OutboxPage.tsx';
import { NewSessionPage } from './features/sessions/NewSessionPage.tsx';
import { ProgrammeTrainersPage } from './features/sessions/ProgrammeTrainersPage.tsx';
import { SessionPage } from './features/sessions/SessionPage.tsx';
import { SessionsPage } from './features/sessions/SessionsPage.tsx';
import { ApprovalsPage } from './features/training/ApprovalsPage.tsx';
import { TrainingPage } from './features/training/TrainingPage.tsx';
import { UnitPage } from './features/org/UnitPage.tsx';
import { I18nProvider, useI18n } from './lib/i18n.tsx';
import './styles.css';

function RequireAuth({ children }: { children: ReactNode }) {
  const { me, loading } = useAuth();
  if (loading) return null;
  return me ? children : <Navigate to="/logga-in" replace />;
}

function NotFound() {
  const { t } = useI18n();
  return (
    <Layout title={t('notFound.title')}>
      <Link to="/">{t('notFound.back')}</Link>
    </Layout>
  );
}

const signedIn = (page: ReactNode) => <RequireAuth>{page}</RequireAuth>;

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <I18nProvider>
        <BrowserRouter>
          <AuthProvider>
            <Routes>
              <Route path="/logga-in" element={<LoginPage />} />
              <Route path="/" element={signedIn(<HomePage />)} />
              <Route path="/organisation" element={signedIn(<OrgPage />)} />
              <Route path="/organisation/enheter/:id" element={signedIn(<UnitPage />)} />
              <Route path="/organisation/organ/:id" element={signedIn(<BodyPage />)} />
              <Route path="/organisation/personer" element={signedIn(<PeopleSearchPage />)} />
              <Route path="/organisation/personer/:id" element={signedIn(<PersonPage />)} />
              <Route path="/administration/importer" element={signedIn(<ImportPage />)} />
              <Route path="/administration/importer/historik" element={signedIn(<HistoryPage />)} />
              <Route path="/administration/konton" element={signedIn(<AccountsPage />)} />
              <Route path="/administration/konton/nytt" element={signedIn(<NewAccountPage />)} />
              <Route
                path="/administration/konton/personregistret"
                element={signedIn(<FromPeoplePage />)}
              />
              <Route path="/administration/konton/:id" element={signedIn(<AccountPage />)} />
              <Route path="/administration/utskick" element={signedIn(<OutboxPage />)} />
              <Route path="/administration/utskick/:id" element={signedIn(<MailPage />)} />
              <Route path="/notiser" element={signedIn(<NotificationsPage />)} />
              <Route path="/installningar/notiser" element={signedIn(<ChoicesPage />)} />
              <Route path="/utbildning" element={signedIn(<TrainingPage />)} />
              <Route path="/godkannanden" element={signedIn(<ApprovalsPage />)} />
              <Route path="/program" element={signedIn(<ProgrammesPage />)} />
              <Route path="/program/nytt" element={signedIn(<WizardPage />)} />
              <Route path="/program/:id" element={signedIn(<DashboardPage />)} />
              <Route path="/program/:id/utbildare" element={signedIn(<ProgrammeTrainersPage />)} />
              <Route path="/program/:id/paminnelser" element={signedIn(<RemindersPage />)} />
              <Route path="/program/:id/saknas" element={signedIn(<MissingPage />)} />
              <Route path="/program/:id/redigera" element={signedIn(<ProgrammeEditorPage />)} />
              <Route path="/program/:id/importera" element={signedIn(<CompletionImportPage />)} />
              <Route path="/tillfallen" element={signedIn(<SessionsPage />)} />
              <Route path="/tillfallen/nytt" element={signedIn(<NewSessionPage />)} />
              <Route path="/tillfallen/:id" element={signedIn(<SessionPage />)} />
              <Route path="*" element={<NotFound />} />
            </Routes>
          </AuthProvider>
        </BrowserRouter>
      </I18nProvider>
    </StrictMode>,
  );
}
