import { ApiError } from '../shared/api';
import { useI18n } from './i18n';

/** Loading and failure, in the member's language, each under the page's one h1. */
export const LoadingCard = () => {
  const { t } = useI18n();
  return (
    <>
      <h1 className="member-title">{t.documentTitle}</h1>
      <p className="muted" role="status">
        {t.loading}
      </p>
    </>
  );
};

export const CardError = ({ error, onRetry }: { error: unknown; onRetry?: () => void }) => {
  const { t } = useI18n();
  // Forged, revoked and unknown cards all answer 404; the member needs only "this link is dead".
  const notFound = error === null || (error instanceof ApiError && error.status === 404);
  return (
    <>
      <h1 className="member-title">{t.documentTitle}</h1>
      <div className="error" role="alert">
        <p>{notFound ? t.cardNotFound : t.loadFailed}</p>
        {!notFound && onRetry && (
          <button type="button" onClick={onRetry}>
            {t.retry}
          </button>
        )}
      </div>
    </>
  );
};
