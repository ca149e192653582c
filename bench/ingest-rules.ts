import { PopulationSchema, type Experiment } from '../src/core/experiments/experiments.js';
import { experimentFixture } from '../test/support/experiment-fixture.js';
import { BASELINE_RULE_NAME, programmeRules } from './rules-programme.js';

/**
 * Ingestion with 1 active rule against ingestion with the 50-rule programme of the rules
 * benchmark, in the same server and run: the bar is that 50 rules stay within 30% of 1.
 * Campaign dates are dropped, since the workload's orders are shifted to the present and the
 * programme's campaigns are dated 2011: every rule is then live and evaluated in full.
 */

interface Poster {
  post(
    path: string,
    body: string,
    headers?: Record<string, string>,
  ): Promise<{ status: number; text: string }>;
  patch(path: string, body: string): Promise<{ status: number; text: string }>;
}

export interface RuleSets {
  one: string[];
  fifty: string[];
}

/** Saves the 50 rules as drafts and returns the ids of each set. */
export const installRuleSets = async (client: Poster): Promise<RuleSets> => {
  const ids: string[] = [];
  let baseline: string | null = null;
  for (const rule of programmeRules()) {
    const { startsAt: _s, endsAt: _e, ...document } = rule.document;
    const res = await client.post('/v1/rules', JSON.stringify({ document, status: 'draft' }));
    if (res.status !== 201) throw new Error(`saving a rule: ${res.status} ${res.text}`);
    const id = (JSON.parse(res.text) as { id: string }).id;
    ids.push(id);
    if (rule.document.name === BASELINE_RULE_NAME) baseline = id;
  }
  if (!baseline) throw new Error(`the programme has no rule named ${BASELINE_RULE_NAME}`);
  return { one: [baseline], fifty: ids };
};

/** Makes exactly `active` of `all` active; the server's rule cache is emptied by each change. */
export const activateOnly = async (client: Poster, all: string[], active: string[]) => {
  for (const id of all) {
    const status = active.includes(id) ? 'active' : 'draft';
    const res = await client.patch(`/v1/rules/${id}`, JSON.stringify({ status }));
    if (res.status !== 200)
      throw new Error(`setting rule ${id} ${status}: ${res.status} ${res.text}`);
  }
};

/**
 * The experiment A/B: A is a double-points rule for everyone; B is the same rule for the treatment
 * arm of a running experiment open to every member, so each order of B reads the running
 * experiments (cached), looks up the member's exposure (one indexed query) and, on the member's
 * first order, writes it. Returns the two rules' ids, saved as drafts.
 */
export const BENCH_EXPERIMENT_KEY = 'bench-double-points';

export const benchExperiment = (at: Date): Experiment =>
  experimentFixture('exp_bench_double_points', at, {
    key: BENCH_EXPERIMENT_KEY,
    name: 'Double points (bench)',
    hypothesis: 'assignment costs nothing measurable at ingestion',
    salt: 'bench-salt',
    population: PopulationSchema.parse({ segmentId: null, entry: 'open' }),
  });

export const installExperimentRules = async (
  client: Poster,
): Promise<{ plain: string; arm: string }> => {
  const save = async (name: string, conditions: unknown[]) => {
    const document = {
      schemaVersion: 1,
      name,
      trigger: 'order.placed',
      conditions,
      effects: [{ type: 'points.multiplier', percent: 200 }],
    };
    const res = await client.post('/v1/rules', JSON.stringify({ document, status: 'draft' }));
    if (res.status !== 201) throw new Error(`saving a rule: ${res.status} ${res.text}`);
    return (JSON.parse(res.text) as { id: string }).id;
  };
  return {
    plain: await save('Double points (A: no experiment)', []),
    arm: await save('Double points (B: treatment arm)', [
      { type: 'customer.experiment', key: BENCH_EXPERIMENT_KEY, variant: 'treatment' },
    ]),
  };
};
