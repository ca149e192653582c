/**
 * Steps of the heat-map scale (classes heat-0 … heat-7 in styles.css), by percent. Steps rather
 * than a continuous blend so each has a text colour with AA contrast, and a legend can name them.
 */
export const HEAT_STEPS = [0, 5, 10, 20, 30, 45, 60, 80] as const;

export const heatClass = (percent: number) => {
  let step = 0;
  HEAT_STEPS.forEach((from, i) => {
    if (percent >= from) step = i;
  });
  return `heat-${step}`;
};

export const HeatLegend = ({ label }: { label: string }) => (
  <ul className="heat-legend" aria-label={label}>
    <li className="heat-legend-title" aria-hidden="true">
      {label}:
    </li>
    {HEAT_STEPS.map((from, i) => {
      const to = HEAT_STEPS[i + 1];
      return (
        <li key={from} className={`heat-${i}`}>
          {to === undefined ? `${from} % and more` : `${from}–${to} %`}
        </li>
      );
    })}
  </ul>
);
