import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app.css';
import { MantineProvider } from '@mantine/core';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiError } from './api/http';
import { notifyFailure } from './api/notify';
import { sessionQuery } from './api/session';
import { webModules } from './composition';
import { installWebModules } from './registry';
import { createAppRouter } from './router';
import { cssVariablesResolver, theme } from './theme';

const queryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error, query) => {
      if (error instanceof ApiError && error.isTransient) notifyFailure(error);
      // The session ended (signed out elsewhere, expired): back to sign-in, then return here.
      if (
        error instanceof ApiError &&
        error.status === 401 &&
        query.queryKey[0] !== sessionQuery.queryKey[0]
      ) {
        queryClient.setQueryData(sessionQuery.queryKey, null);
        void router.navigate({ to: '/sign-in', search: { redirect: router.state.location.href } });
      }
    },
  }),
  mutationCache: new MutationCache({
    // Field errors and conflicts are shown by the form that made the call; these need a banner.
    onError: (error) => {
      if (error instanceof ApiError && error.isTransient) notifyFailure(error);
    },
  }),
  defaultOptions: {
    queries: {
      retry: (count, error) => error instanceof ApiError && error.isTransient && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

installWebModules(webModules);
const router = createAppRouter(queryClient);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// A failed call is shown by its route's error screen; only unexpected errors go to the console.
createRoot(root, {
  onCaughtError: (error, info) => {
    if (!(error instanceof ApiError)) console.error(error, info.componentStack);
  },
}).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="auto">
      <ModalsProvider>
        <Notifications position="top-right" limit={4} />
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </ModalsProvider>
    </MantineProvider>
  </StrictMode>,
);
