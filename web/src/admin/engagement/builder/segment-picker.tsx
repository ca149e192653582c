import { ErrorNotice } from '../../ui';
import { useSegments } from '../queries';
import { Choices } from './choices';

interface Props {
  legend: string;
  /** What a pick stands for: segment definitions name ids, rules name keys. */
  by: 'id' | 'key';
  picked: string[];
  onChange: (picked: string[]) => void;
  /** The segment being edited, which may not name itself. */
  exclude?: string | undefined;
  invalid?: boolean;
  describedBy?: string | undefined;
  /** One segment at most, as radios (an experiment's population). */
  single?: boolean;
}

/**
 * The programme's live segments by name, as checkboxes. Shared by the segment builder and the
 * rules builder so "in segment" reads the same in both. A saved pick the list no longer has
 * (archived, or a name that is not a segment) stays visible, so it can be unticked.
 */
export const SegmentPicker = ({
  legend,
  by,
  picked,
  onChange,
  exclude,
  invalid = false,
  describedBy,
  single = false,
}: Props) => {
  const segments = useSegments();
  if (segments.error) return <ErrorNotice error={segments.error} />;
  if (segments.isPending || !segments.data)
    return (
      <fieldset className="builder-choices" aria-busy="true">
        <legend>{legend}</legend>
        <span className="muted" role="status">
          Loading the segments…
        </span>
      </fieldset>
    );
  const known = segments.data.segments
    .filter((s) => s.id !== exclude)
    .map((s) => ({ value: s[by], label: s.name }));
  const gone = picked
    .filter((p) => !known.some((k) => k.value === p))
    .map((p) => ({ value: p, label: `${p} (not a live segment)` }));
  if (known.length === 0 && gone.length === 0)
    return (
      <fieldset className="builder-choices" aria-describedby={describedBy}>
        <legend>{legend}</legend>
        <span className="muted">No other segments yet: create one first.</span>
      </fieldset>
    );
  return (
    <Choices
      legend={legend}
      options={[...known, ...gone]}
      picked={picked}
      onChange={onChange}
      invalid={invalid}
      describedBy={describedBy}
      single={single}
    />
  );
};
