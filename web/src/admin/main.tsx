import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router';
import '../shared/styles.css';
import { Layout } from './layout';
import { CampaignsPage } from './pages/campaigns';
import { CustomerPage } from './pages/customer';
import { CustomersPage } from './pages/customers';
import { ExperimentsPage } from './pages/experiments';
import { FeedbackPage } from './pages/feedback';
import { OverviewPage } from './pages/overview';
import { ProgrammePage } from './pages/programme';
import { RetentionPage } from './pages/retention';
import { SegmentsPage } from './pages/segments';
import { ValuePage } from './pages/value';
import { SessionGate } from './session';

const queries = new QueryClient({
  defaultOptions: { queries: { retry: false, staleTime: 30_000, refetchOnWindowFocus: false } },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queries}>
      <SessionGate>
        <BrowserRouter basename="/admin">
          <Routes>
            <Route element={<Layout />}>
              <Route index element={<OverviewPage />} />
              <Route path="retention" element={<RetentionPage />} />
              <Route path="value" element={<ValuePage />} />
              <Route path="customers" element={<CustomersPage />} />
              <Route path="customers/:id" element={<CustomerPage />} />
              <Route path="segments/*" element={<SegmentsPage />} />
              <Route path="campaigns" element={<CampaignsPage />} />
              <Route path="experiments/*" element={<ExperimentsPage />} />
              <Route path="feedback/*" element={<FeedbackPage />} />
              <Route path="programme/*" element={<ProgrammePage />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </SessionGate>
    </QueryClientProvider>
  </StrictMode>,
);
