import type { ReactNode } from 'react';
import { ApiError } from '../shared/api';

/** The dashboard's small building blocks, so every page shows loading, errors and emptiness alike. */

export const Panel = ({
  title,
  children,
  actions,
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
}) => (
  <section className="panel" aria-label={title}>
    <header className="panel-header">
      <h2>{title}</h2>
      {actions}
    </header>
    {children}
  </section>
);

export const Loading = ({ what }: { what: string }) => (
  <p className="muted" role="status">
    Loading {what}…
  </p>
);

/** What the person should take from an error at a glance: their input, the state, or us. */
const headline = (error: unknown) => {
  if (!(error instanceof ApiError)) return 'Something went wrong.';
  if (error.status === 400 || error.status === 422) return 'Please check the input.';
  if (error.status === 401) return 'Not signed in.';
  if (error.status === 403) return 'Not allowed.';
  if (error.status === 404) return 'Not found.';
  if (error.status === 409) return 'Refused.';
  return 'Something went wrong.';
};

export const ErrorNotice = ({ error }: { error: unknown }) => {
  const detail = error instanceof ApiError ? error.detail : String(error);
  const issues = error instanceof ApiError ? error.issues : [];
  return (
    <div className="error" role="alert">
      <strong>{headline(error)}</strong> {detail}
      {issues.length > 0 && (
        <ul>
          {issues.map((issue) => (
            <li key={`${issue.path}:${issue.message}`}>
              <code>{issue.path}</code>: {issue.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
};

export const Empty = ({ children }: { children: ReactNode }) => <p className="empty">{children}</p>;

/** Renders a react-query result: loading, error, or the data. */
export const Loaded = <T,>({
  query,
  what,
  children,
}: {
  query: { isPending: boolean; error: unknown; data: T | undefined };
  what: string;
  children: (data: T) => ReactNode;
}) => {
  if (query.error) return <ErrorNotice error={query.error} />;
  if (query.isPending || query.data === undefined) return <Loading what={what} />;
  return <>{children(query.data)}</>;
};

export const PageTitle = ({ children }: { children: ReactNode }) => (
  <h1 className="page-title">{children}</h1>
);
