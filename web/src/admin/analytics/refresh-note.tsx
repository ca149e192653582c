import { formatDateTime, formatNumber } from '../../shared/format';

/**
 * When the stored analytics (RFM, lifecycle, CLV) were computed. They come from a refresh job,
 * not from each request, so a marketer should know how fresh they are.
 */
export const RefreshNote = ({
  asOf,
  computedAt,
  notRefreshed = 0,
}: {
  asOf: string | null;
  computedAt: string | null;
  notRefreshed?: number;
}) => {
  if (!asOf) {
    return (
      <p className="refresh-note muted" role="note">
        Analytics have not been refreshed yet. The refresh runs every night (or now, with Refresh
        now); until then segments, stages and customer value are empty.
      </p>
    );
  }
  return (
    <p className="refresh-note muted" role="note">
      Segments and stages as of <strong>{formatDateTime(asOf)}</strong>
      {computedAt && <> (refreshed {formatDateTime(computedAt)})</>}.
      {notRefreshed > 0 && (
        <>
          {' '}
          {formatNumber(notRefreshed)} customers joined since and are counted from the next refresh.
        </>
      )}
    </p>
  );
};
