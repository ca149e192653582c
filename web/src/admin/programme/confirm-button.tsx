import { useState } from 'react';

/**
 * A button that asks once more before an action that cannot be undone from the page (disabling a
 * user, revoking a key): the first click shows what will happen, the second does it.
 */
export const ConfirmButton = ({
  label,
  question,
  confirmLabel,
  onConfirm,
  disabled = false,
}: {
  label: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
}) => {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="link" disabled={disabled} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span className="prog-confirm" role="group" aria-label={question}>
      <span>{question}</span>{' '}
      <button
        type="button"
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>{' '}
      <button type="button" className="link" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
};
