import { Route, Routes } from 'react-router';
import { ExperimentDetail } from '../experiments/experiment-detail';
import { ExperimentList } from '../experiments/experiment-list';

/** Experiments: the list and a new draft at /admin/experiments, one at /admin/experiments/:id. */
export const ExperimentsPage = () => (
  <Routes>
    <Route index element={<ExperimentList />} />
    <Route path=":id" element={<ExperimentDetail />} />
  </Routes>
);
