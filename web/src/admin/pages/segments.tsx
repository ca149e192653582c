import { Route, Routes } from 'react-router';
import { SegmentDetail } from '../engagement/segment-detail';
import { SegmentList } from '../engagement/segment-list';

/** Segments: the list at /admin/segments, one segment at /admin/segments/:id. */
export const SegmentsPage = () => (
  <Routes>
    <Route index element={<SegmentList />} />
    <Route path=":id" element={<SegmentDetail />} />
  </Routes>
);
