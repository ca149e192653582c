import type { E2eServer } from '../test/e2e/support/server.js';

/** What the engagement pages of the dashboard benchmark open: one of each, with real members. */
export interface EngagementFixtures {
  segmentId: string;
  /** Every customer who bought: the largest audience a campaign's reach is counted for. */
  everyBuyerSegmentId: string;
  ruleId: string;
  surveyId: string;
  complaintId: string;
}

const NPS_OF = (i: number) => [10, 9, 9, 8, 7, 10, 6, 3, 9, 10][i % 10]!;

/**
 * A dynamic segment of big spenders, a marketing template in English and German, an active survey answered by `answers` of the customers
 * (scores and a sentence each), a complaint of the first customer, and the first of the rules the
 * benchmark saved: the pages then show what a programme in use shows, not their empty state.
 */
export const installEngagement = async (
  server: E2eServer,
  customerIds: string[],
  answers = 200,
): Promise<EngagementFixtures> => {
  const segment = await server.api('POST', '/v1/segments', {
    name: 'Spent £1,000 or more',
    key: 'bench-big-spenders',
    kind: 'dynamic',
    definition: {
      schemaVersion: 1,
      filter: {
        all: [
          { field: 'totalSpendMinor', gte: 100_000 },
          { field: 'orderCount', gte: 2 },
        ],
      },
    },
  });
  const everyBuyer = await server.api('POST', '/v1/segments', {
    name: 'Every buyer',
    key: 'bench-every-buyer',
    kind: 'dynamic',
    definition: { schemaVersion: 1, filter: { field: 'orderCount', gte: 1 } },
  });
  for (const s of [segment, everyBuyer]) {
    await server.api('POST', `/v1/segments/${s.id}/refresh`, {});
  }
  await server.api('POST', '/v1/templates', {
    key: 'bench-news',
    kind: 'marketing',
    defaultLocale: 'en',
    versions: ['en', 'de'].map((locale) => ({
      locale,
      subject: locale === 'en' ? 'News for {{firstName}}' : 'Neues für {{firstName}}',
      html: '<p>{{firstName}}, you have {{points.balance}} points.</p>',
      text: '{{firstName}}, you have {{points.balance}} points.',
    })),
  });
  const survey = await server.api('POST', '/v1/surveys', {
    key: 'bench-after-visit',
    title: 'After your visit',
    status: 'active',
    questions: [
      { id: 'nps', type: 'nps', prompt: 'Would you recommend us?', required: false },
      { id: 'why', type: 'text', prompt: 'Tell us more' },
    ],
  });
  for (const [i, customerId] of customerIds.slice(0, answers).entries()) {
    await server.api('POST', `/v1/customers/${customerId}/survey-responses`, {
      surveyId: survey.id,
      answers: { nps: NPS_OF(i), why: `Answer ${i + 1}: delivery and prices as expected.` },
    });
  }
  const complaint = await server.api('POST', '/v1/complaints', {
    customerId: customerIds[0],
    subject: 'Late delivery',
    body: 'The order came two weeks after the promised day.',
    channel: 'web',
  });
  const { rules } = await server.api<{ rules: { id: string }[] }>('GET', '/v1/rules');
  return {
    segmentId: segment.id,
    everyBuyerSegmentId: everyBuyer.id,
    ruleId: rules[0]!.id,
    surveyId: survey.id,
    complaintId: complaint.id,
  };
};
