import { describe, expect, it } from 'vitest';
import { draftIssues, draftPartIssues } from './messaging.render.js';

describe('draftPartIssues', () => {
  it('accepts every variable of the customer data, in and out of blocks', () => {
    expect(
      draftPartIssues(
        'Hi {{firstName}} {{lastName}}, {{points.balance}}\n' +
          '{{#if points.expiring}}{{points.expiring.points}} on {{points.expiring.expiresOn}}{{/if}}\n' +
          '{{#if tier}}{{tier.name}}{{else}}none{{/if}}\n' +
          '{{#each rewards}}{{name}} {{pointsCost}} {{@index}} {{../firstName}}{{/each}}\n' +
          '{{#each suggestions}}{{sku}}{{/each}} {{surveys.nps}} {{event.orderId}} {{unsubscribeUrl}}\n' +
          '{{#if (eq tier.code "gold")}}gold{{/if}}',
      ),
    ).toEqual([]);
  });

  it('names an unknown variable with its line and column, inside a block too', () => {
    expect(draftPartIssues('Hello\n  {{points.balanse}}')).toEqual([
      'line 2, column 5: unknown variable "points.balanse"',
    ]);
    expect(draftPartIssues('{{#each rewards}}{{title}}{{/each}}')).toEqual([
      'line 1, column 20: unknown variable "title"',
    ]);
    expect(draftPartIssues('{{shout firstName}}')).toEqual([
      'line 1, column 3: unknown helper "shout"',
    ]);
  });

  it('gives a syntax error its line', () => {
    const [message] = draftPartIssues('ok\n{{#if tier}}open');
    expect(message).toMatch(/^Parse error on line 2/);
    expect(message).toMatch(/unexpected end of template/);
  });

  it('names the part of the version at fault', () => {
    expect(
      draftIssues([{ locale: 'en', subject: '{{nope}}', html: '<p>ok</p>', text: '{{#if}}' }]).map(
        (i) => i.path,
      ),
    ).toEqual(['versions.0.subject', 'versions.0.text']);
  });
});
