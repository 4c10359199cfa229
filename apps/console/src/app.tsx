import { QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, Navigate, RouterProvider, useLocation } from 'react-router';
import { consoleQueryClient } from './api/query-client';
import { Layout } from './components/layout';
import { Loading } from './components/states';
import { AccountLookup } from './screens/account/account-lookup';
import { AccountScreen } from './screens/account/account-screen';
import { DashboardScreen } from './screens/dashboard/dashboard-screen';
import { HealthScreen } from './screens/health/health-screen';
import { OpsScreen } from './screens/ops/ops-screen';
import { QueueScreen } from './screens/queue/queue-screen';
import { RefundScreen } from './screens/queue/refund-screen';
import { SignIn } from './screens/sign-in';
import { WebhookScreen } from './screens/webhooks/webhook-screen';
import { WebhooksScreen } from './screens/webhooks/webhooks-screen';
import { can, SessionProvider, useSession } from './session/session';

/** The screens behind sign-in; a deep link opened signed out comes back here after it. */
function SignedInOnly() {
  const { phase } = useSession();
  const location = useLocation();
  if (phase === 'restoring') return <Loading what="your session" />;
  if (phase === 'signed-out') {
    return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  }
  return <Layout />;
}

/** The first screen a role needs: the queue for those who may read it, else accounts. */
function Home() {
  const { session } = useSession();
  return <Navigate to={session && can(session, 'opsRefunds') ? '/queue' : '/accounts'} replace />;
}

const router = createBrowserRouter(
  [
    { path: '/sign-in', element: <SignIn /> },
    {
      element: <SignedInOnly />,
      children: [
        { index: true, element: <Home /> },
        { path: 'queue', element: <QueueScreen /> },
        { path: 'queue/:accountId/:refundId', element: <RefundScreen /> },
        { path: 'today', element: <DashboardScreen /> },
        { path: 'accounts', element: <AccountLookup /> },
        { path: 'accounts/:accountId', element: <AccountScreen /> },
        { path: 'ops', element: <Navigate to="/ops/frozen" replace /> },
        { path: 'ops/:list', element: <OpsScreen /> },
        { path: 'health', element: <HealthScreen /> },
        { path: 'webhooks', element: <WebhooksScreen /> },
        { path: 'webhooks/:webhookId', element: <WebhookScreen /> },
        { path: '*', element: <Home /> },
      ],
    },
  ],
  { basename: '/console' },
);

const queryClient = consoleQueryClient();

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>
    </QueryClientProvider>
  );
}
