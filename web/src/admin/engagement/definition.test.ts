import { describe, expect, it } from 'vitest';
import { describeDefinition } from './definition';

describe('a definition in words', () => {
  it('names the segments a membership condition names, and shows an id it cannot name', () => {
    const names = new Map([
      ['seg_1', 'Big spenders'],
      ['seg_2', 'News, offers'],
    ]);
    const definition = {
      schemaVersion: 1,
      filter: {
        all: [
          { field: 'segment', in: ['seg_1', 'seg_2'] },
          { field: 'segment', notIn: ['seg_9'] },
        ],
      },
    };
    expect(describeDefinition(definition, 'GBP', names)).toBe(
      'in segment “Big spenders” or “News, offers” and in none of segments “seg_9”',
    );
  });
});
