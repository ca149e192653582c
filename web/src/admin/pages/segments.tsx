import { Route, Routes } from 'react-router';
import { SegmentDetail } from '../engagement/segment-detail';
import { SegmentEdit } from '../engagement/segment-edit';
import { SegmentList } from '../engagement/segment-list';

/** Segments: the list at /admin/segments, one segment at /admin/segments/:id, its
 * conditions at /admin/segments/:id/edit. */
export const SegmentsPage = () => (
  <Routes>
    <Route index element={<SegmentList />} />
    <Route path=":id" element={<SegmentDetail />} />
    <Route path=":id/edit" element={<SegmentEdit />} />
  </Routes>
);
