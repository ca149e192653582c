import { ApiError } from '../../shared/api';

/**
 * The API's own message for one field of a refused write, shown at the field: the problem's
 * `errors[].path` is the body path (`email`, `externalIds.0.source`, `consents.0.source`).
 */
export const fieldMessage = (error: unknown, ...paths: string[]): string | undefined => {
  if (!(error instanceof ApiError)) return undefined;
  const issue = error.issues.find((i) =>
    paths.some((p) => i.path === p || i.path.startsWith(`${p}.`)),
  );
  return issue?.message;
};

/** The message under a field; its id ties it to the input (aria-describedby, aria-invalid). */
export const FieldMessage = ({ id, message }: { id: string; message: string | undefined }) =>
  message ? (
    <span id={id} className="bad field-message">
      {message}
    </span>
  ) : null;

/** Input props for a field that may carry the API's message. */
export const invalidProps = (id: string, message: string | undefined) =>
  message ? { 'aria-invalid': true as const, 'aria-describedby': id } : {};
