/** A fieldset of checkboxes; the picked values keep the options' order. */
export const Choices = ({
  legend,
  options,
  picked,
  onChange,
  invalid,
  describedBy,
}: {
  legend: string;
  options: { value: string; label: string }[];
  picked: string[];
  onChange: (picked: string[]) => void;
  invalid: boolean;
  describedBy: string | undefined;
}) => (
  <fieldset
    className={invalid ? 'builder-choices builder-invalid' : 'builder-choices'}
    aria-describedby={describedBy}
  >
    <legend>{legend}</legend>
    {options.map((o) => (
      <label key={o.value} className="builder-check">
        <input
          type="checkbox"
          checked={picked.includes(o.value)}
          onChange={(e) =>
            onChange(
              e.target.checked
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
