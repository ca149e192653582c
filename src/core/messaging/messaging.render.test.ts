import { describe, expect, it } from 'vitest';
import { SAMPLE_DATA, chooseLocale, renderVersion, templateIssues } from './messaging.render.js';
import { signUnsubscribeToken, verifyUnsubscribeToken } from './unsubscribe-token.js';

describe('chooseLocale', () => {
  const available = ['en', 'de', 'fr-CA'];
  it('takes the exact tag, then the language, then the default', () => {
    expect(chooseLocale(available, 'de', 'en')).toBe('de');
    expect(chooseLocale(available, 'de-AT', 'en')).toBe('de');
    expect(chooseLocale(available, 'fr', 'en')).toBe('fr-CA');
    expect(chooseLocale(available, 'FR-ca', 'en')).toBe('fr-CA');
    expect(chooseLocale(available, 'es', 'en')).toBe('en');
    expect(chooseLocale(available, null, 'en')).toBe('en');
  });
});

describe('renderVersion', () => {
  const version = {
    locale: 'en',
    subject: 'Hi {{firstName}} & co',
    html: '<p>{{firstName}} has {{points.balance}}</p>{{#each suggestions}}<i>{{name}}</i>{{/each}}',
    text: '{{firstName}} has {{points.balance}} points',
  };
  it('escapes HTML only in the HTML part and fills personal data', () => {
    const out = renderVersion(version, { ...SAMPLE_DATA, firstName: '<Bo>' });
    expect(out.subject).toBe('Hi <Bo> & co');
    expect(out.html).toBe('<p>&lt;Bo&gt; has 1200</p><i>Mug</i>');
    expect(out.text).toBe('<Bo> has 1200 points');
  });
  it('renders no suggestions when the port has none', () => {
    const out = renderVersion(version, { ...SAMPLE_DATA, suggestions: [] });
    expect(out.html).toBe('<p>Ann has 1200</p>');
  });
  it('names the part that does not compile', () => {
    const issues = templateIssues([{ ...version, html: '{{#each rewards}}oops' }]);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe('versions.0.html');
  });
});

describe('unsubscribe token', () => {
  const key = Buffer.alloc(32, 7);
  it('round-trips and refuses a forged or moved token', () => {
    const token = signUnsubscribeToken(key, 'cus_1');
    expect(verifyUnsubscribeToken(key, token)).toBe('cus_1');
    expect(verifyUnsubscribeToken(key, token.replace('cus_1', 'cus_2'))).toBeNull();
    expect(verifyUnsubscribeToken(Buffer.alloc(32, 8), token)).toBeNull();
    expect(verifyUnsubscribeToken(key, 'garbage')).toBeNull();
  });
});
