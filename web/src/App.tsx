import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Navigate, RouterProvider, useLocation } from 'react-router-dom';
import { queryClient } from './api/queryClient';
import { ForbiddenPage, LoadError, NotFoundPage } from './components/Results';
import { AppLayout } from './layout/AppLayout';
import { LoginPage } from './pages/LoginPage';
import { COMPLIANCE_READERS, hasPermission, useMe } from './session';

const HomePage = lazy(() => import('./pages/HomePage').then((m) => ({ default: m.HomePage })));
const QueuePage = lazy(() => import('./pages/QueuePage').then((m) => ({ default: m.QueuePage })));
const CaseListPage = lazy(() => import('./pages/CaseListPage').then((m) => ({ default: m.CaseListPage })));
const CaseDetailPage = lazy(() =>
  import('./pages/CaseDetailPage').then((m) => ({ default: m.CaseDetailPage })),
);
const ImportPage = lazy(() => import('./pages/ImportPage').then((m) => ({ default: m.ImportPage })));
const QaListPage = lazy(() => import('./pages/QaListPage').then((m) => ({ default: m.QaListPage })));
const QaUploadPage = lazy(() => import('./pages/QaUploadPage').then((m) => ({ default: m.QaUploadPage })));
const QaTranscriptPage = lazy(() =>
  import('./pages/QaTranscriptPage').then((m) => ({ default: m.QaTranscriptPage })),
);
const QaScoresPage = lazy(() => import('./pages/QaScoresPage').then((m) => ({ default: m.QaScoresPage })));
const TemplatesPage = lazy(() => import('./pages/TemplatesPage').then((m) => ({ default: m.TemplatesPage })));
const ComplianceRulesPage = lazy(() =>
  import('./pages/ComplianceRulesPage').then((m) => ({ default: m.ComplianceRulesPage })),
);
const ApprovalsPage = lazy(() => import('./pages/ApprovalsPage').then((m) => ({ default: m.ApprovalsPage })));
const ListeningListPage = lazy(() =>
  import('./pages/ListeningListPage').then((m) => ({ default: m.ListeningListPage })),
);
const TemplateEditorPage = lazy(() =>
  import('./pages/TemplateEditorPage').then((m) => ({ default: m.TemplateEditorPage })),
);
const StrategyPage = lazy(() => import('./pages/StrategyPage').then((m) => ({ default: m.StrategyPage })));
const TeamPage = lazy(() => import('./pages/TeamPage').then((m) => ({ default: m.TeamPage })));
const AssignmentRulesPage = lazy(() =>
  import('./pages/AssignmentRulesPage').then((m) => ({ default: m.AssignmentRulesPage })),
);
const PlacementsPage = lazy(() =>
  import('./pages/PlacementsPage').then((m) => ({ default: m.PlacementsPage })),
);
const PaymentsPage = lazy(() => import('./pages/PaymentsPage').then((m) => ({ default: m.PaymentsPage })));
const SmsOutboxPage = lazy(() => import('./pages/SmsOutboxPage').then((m) => ({ default: m.SmsOutboxPage })));
const TrainingLibraryPage = lazy(() =>
  import('./pages/TrainingLibraryPage').then((m) => ({ default: m.TrainingLibraryPage })),
);
const TrainingSessionPage = lazy(() =>
  import('./pages/TrainingSessionPage').then((m) => ({ default: m.TrainingSessionPage })),
);
const TrainingProgressPage = lazy(() =>
  import('./pages/TrainingProgressPage').then((m) => ({ default: m.TrainingProgressPage })),
);
const TrainingQuizPage = lazy(() =>
  import('./pages/TrainingQuizPage').then((m) => ({ default: m.TrainingQuizPage })),
);
const TrainingCohortsPage = lazy(() =>
  import('./pages/TrainingCohortsPage').then((m) => ({ default: m.TrainingCohortsPage })),
);
const TrainingTranscriptsPage = lazy(() =>
  import('./pages/TrainingTranscriptsPage').then((m) => ({ default: m.TrainingTranscriptsPage })),
);
const TrainingLeaderboardPage = lazy(() =>
  import('./pages/TrainingLeaderboardPage').then((m) => ({ default: m.TrainingLeaderboardPage })),
);

/** Training permissions (src/domain/roles.ts): practising, and running training for others. */
const PRACTICE = 'training.practice';
const MANAGE = 'training.manage';

function FullPageSpin() {
  return (
    <div className="page-loading full">
      <Spin size="large" />
    </div>
  );
}

/** Signed-in area: without a session, go to the login page and come back afterwards. */
function RequireAuth() {
  const { data: me, isPending, isError, error, refetch } = useMe();
  const location = useLocation();
  if (isPending) return <FullPageSpin />;
  if (isError) return <LoadError error={error} onRetry={() => refetch()} />;
  if (!me) {
    const redirect = `${location.pathname}${location.search}`;
    const query = redirect === '/' ? '' : `?redirect=${encodeURIComponent(redirect)}`;
    return <Navigate to={`/login${query}`} replace />;
  }
  return <AppLayout />;
}

/** A page that needs a permission: without it, the 403 page (the address stays as typed). */
function RequirePermission({
  permission,
  children,
}: {
  /** One permission, or several of which any one will do. */
  permission: string | readonly string[];
  children: ReactNode;
}) {
  const { data: me } = useMe();
  if (!hasPermission(me, permission)) return <ForbiddenPage />;
  return <>{children}</>;
}

const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    path: '/',
    element: <RequireAuth />,
    children: [
      { index: true, element: <HomePage /> },
      {
        path: 'queue',
        element: (
          <RequirePermission permission="contacts.create">
            <QueuePage />
          </RequirePermission>
        ),
      },
      {
        path: 'cases',
        element: (
          <RequirePermission permission="cases.read">
            <CaseListPage />
          </RequirePermission>
        ),
      },
      {
        path: 'cases/:id',
        element: (
          <RequirePermission permission="cases.read">
            <CaseDetailPage />
          </RequirePermission>
        ),
      },
      {
        path: 'imports',
        element: (
          <RequirePermission permission="imports.create">
            <ImportPage />
          </RequirePermission>
        ),
      },
      {
        path: 'qa',
        element: (
          <RequirePermission permission="qa.read">
            <QaListPage />
          </RequirePermission>
        ),
      },
      {
        path: 'qa/upload',
        element: (
          <RequirePermission permission="qa.upload">
            <QaUploadPage />
          </RequirePermission>
        ),
      },
      {
        path: 'qa/transcripts/:id',
        element: (
          <RequirePermission permission="qa.read">
            <QaTranscriptPage />
          </RequirePermission>
        ),
      },
      {
        path: 'qa/scores',
        element: (
          <RequirePermission permission="qa.read">
            <QaScoresPage />
          </RequirePermission>
        ),
      },
      {
        path: 'templates',
        element: (
          <RequirePermission permission="templates.read">
            <TemplatesPage />
          </RequirePermission>
        ),
      },
      {
        path: 'templates/new',
        element: (
          <RequirePermission permission="templates.write">
            <TemplateEditorPage key="new" />
          </RequirePermission>
        ),
      },
      {
        path: 'templates/:id',
        element: (
          <RequirePermission permission="templates.read">
            <TemplateEditorPage />
          </RequirePermission>
        ),
      },
      {
        path: 'compliance',
        element: (
          <RequirePermission permission={COMPLIANCE_READERS}>
            <ComplianceRulesPage />
          </RequirePermission>
        ),
      },
      {
        path: 'listening',
        element: (
          <RequirePermission permission="qa.read">
            <ListeningListPage />
          </RequirePermission>
        ),
      },
      {
        path: 'approvals',
        element: (
          <RequirePermission permission={['waivers.approve', 'complaints.release']}>
            <ApprovalsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'strategy',
        element: (
          <RequirePermission permission={['cases.read', 'strategy.manage']}>
            <StrategyPage />
          </RequirePermission>
        ),
      },
      {
        path: 'team',
        element: (
          <RequirePermission permission="cases.assign">
            <TeamPage />
          </RequirePermission>
        ),
      },
      {
        path: 'assignment',
        element: (
          <RequirePermission permission="placements.manage">
            <AssignmentRulesPage />
          </RequirePermission>
        ),
      },
      {
        path: 'placements',
        element: (
          <RequirePermission permission="placements.manage">
            <PlacementsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'payments',
        element: (
          <RequirePermission permission={['cases.read', 'payments.post']}>
            <PaymentsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'sms',
        element: (
          <RequirePermission permission="sms.read">
            <SmsOutboxPage />
          </RequirePermission>
        ),
      },
      {
        path: 'training',
        element: (
          <RequirePermission permission={PRACTICE}>
            <TrainingLibraryPage />
          </RequirePermission>
        ),
      },
      {
        // A trainee's own call; trainers read anyone's (the server decides whose).
        path: 'training/sessions/:id',
        element: (
          <RequirePermission permission={[PRACTICE, MANAGE]}>
            <TrainingSessionPage />
          </RequirePermission>
        ),
      },
      {
        path: 'training/progress',
        element: (
          <RequirePermission permission={PRACTICE}>
            <TrainingProgressPage key="own" />
          </RequirePermission>
        ),
      },
      {
        path: 'training/trainees/:id',
        element: (
          <RequirePermission permission={MANAGE}>
            <TrainingProgressPage />
          </RequirePermission>
        ),
      },
      {
        path: 'training/quiz',
        element: (
          <RequirePermission permission={PRACTICE}>
            <TrainingQuizPage />
          </RequirePermission>
        ),
      },
      {
        path: 'training/cohorts',
        element: (
          <RequirePermission permission={MANAGE}>
            <TrainingCohortsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'training/transcripts',
        element: (
          <RequirePermission permission={MANAGE}>
            <TrainingTranscriptsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'training/leaderboard',
        element: (
          <RequirePermission permission={MANAGE}>
            <TrainingLeaderboardPage />
          </RequirePermission>
        ),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

function LocalisedApp() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider
      locale={i18n.language === 'en' ? enUS : zhCN}
      theme={{
        token: {
          colorPrimary: '#1d4ed8',
          borderRadius: 4,
          fontFamily:
            "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'WenQuanYi Micro Hei', 'Helvetica Neue', Arial, sans-serif",
        },
        components: {
          Layout: { siderBg: '#0f1e3d', headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 16px' },
          Menu: { darkItemBg: '#0f1e3d', darkSubMenuItemBg: '#0b1730', darkItemSelectedBg: '#1d4ed8' },
          Table: { headerBg: '#f5f7fa' },
        },
      }}
    >
      <AntApp>
        <Suspense fallback={<FullPageSpin />}>
          <RouterProvider router={router} />
        </Suspense>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <LocalisedApp />
    </QueryClientProvider>
  );
}
