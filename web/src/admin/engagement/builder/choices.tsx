import { useId } from 'react';

/**
 * A fieldset of checkboxes; the picked values keep the options' order. `single`: radios, one pick
 * at most (an experiment's one segment), with the same look and the same list.
 */
export const Choices = ({
  legend,
  options,
  picked,
  onChange,
  invalid,
  describedBy,
  single = false,
}: {
  legend: string;
  options: { value: string; label: string }[];
  picked: string[];
  onChange: (picked: string[]) => void;
  invalid: boolean;
  describedBy: string | undefined;
  single?: boolean;
}) => {
  const name = useId();
  return (
    <fieldset
      className={invalid ? 'builder-choices builder-invalid' : 'builder-choices'}
      aria-describedby={describedBy}
    >
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="builder-check">
          <input
            type={single ? 'radio' : 'checkbox'}
            name={single ? name : undefined}
            checked={picked.includes(o.value)}
            onChange={(e) =>
              onChange(
                single
                  ? [o.value]
                  : e.target.checked
                    ? options.map((x) => x.value).filter((v) => v === o.value || picked.includes(v))
                    : picked.filter((v) => v !== o.value),
              )
            }
          />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
};
