import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  displayWidth,
  renderCsv,
  renderTable,
  renderTerminalHeatMap,
  terminalSafe,
  writeReport,
  type Column,
} from './output.js';

const columns: Column[] = [
  { key: 'segment', label: 'Segment' },
  { key: 'customers', label: 'Customers' },
  {
    key: 'share',
    label: 'Share',
    format: (v) => `${(Number(v) * 100).toFixed(1)}%`,
    align: 'right',
  },
];
const rows = [
  { segment: 'Champions', customers: 1210, share: 0.061 },
  { segment: 'At risk', customers: 23, share: 0.3 },
];

describe('renderTable', () => {
  it('aligns columns under a header rule, numbers to the right', () => {
    expect(renderTable(columns, rows)).toBe(
      [
        'Segment    Customers  Share',
        '---------  ---------  -----',
        'Champions       1210   6.1%',
        'At risk           23  30.0%',
      ].join('\n'),
    );
  });

  it('prints empty cells for missing values; a column of numbers aligns right', () => {
    const table = renderTable(
      [
        { key: 'a', label: 'A' },
        { key: 'b', label: 'B' },
      ],
      [
        { a: 1.5, b: 10n },
        { a: null, b: undefined },
        { a: Number.NaN, b: new Date('2026-01-02T03:04:05Z') },
      ],
    );
    expect(table.split('\n')).toEqual([
      '   A  B',
      '----  ------------------------',
      '1.50  10',
      '',
      '      2026-01-02T03:04:05.000Z',
    ]);
  });

  it('keeps control characters out, and counts wide characters twice', () => {
    const table = renderTable(columns, [{ segment: 'Evil\x1b[2J\nname', customers: 1, share: 0 }]);
    expect(table).not.toContain('\x1b');
    expect(table).toContain('Evil\uFFFD[2J name');
    expect(displayWidth('東京🎉')).toBe(6);
    expect(displayWidth('café')).toBe(4);
    expect(displayWidth('cafe\u0301')).toBe(4);
    const wide = renderTable(
      [
        { key: 's', label: 'S' },
        { key: 'n', label: 'N' },
      ],
      [
        { s: '東京', n: 1 },
        { s: 'abcd', n: 2 },
      ],
    );
    expect(wide.split('\n').map(displayWidth)).toEqual([7, 7, 7, 7]);
  });

  it('prints just the header for no rows', () => {
    expect(renderTable(columns, [])).toBe('Segment  Customers  Share\n-------  ---------  -----');
  });
});

describe('renderCsv', () => {
  it('writes RFC 4180: keys as header, CRLF, quoting only where needed, raw values', () => {
    expect(
      renderCsv(columns, [
        { segment: 'Champions', customers: 1210, share: 0.061 },
        { segment: 'a,"b"\nc', customers: null, share: Number.POSITIVE_INFINITY },
      ]),
    ).toBe('segment,customers,share\r\nChampions,1210,0.061\r\n"a,""b""\nc",,\r\n');
  });

  it('keeps spreadsheet formulas from running, but leaves numbers alone', () => {
    const csv = renderCsv(
      [{ key: 'v', label: 'V' }],
      [
        { v: '=HYPERLINK("http://x")' },
        { v: '+1+1' },
        { v: '@SUM(A1)' },
        { v: '-5' },
        { v: -5 },
        { v: '-1.5e3' },
      ],
    );
    expect(csv.split('\r\n')).toEqual([
      'v',
      `"'=HYPERLINK(""http://x"")"`,
      "'+1+1",
      "'@SUM(A1)",
      '-5',
      '-5',
      '-1.5e3',
      '',
    ]);
  });

  it('writes bigints, dates and objects', () => {
    expect(
      renderCsv(
        [
          { key: 'p', label: 'P' },
          { key: 'd', label: 'D' },
          { key: 'o', label: 'O' },
        ],
        [{ p: 12345678901234567890n, d: new Date('2026-01-01T00:00:00Z'), o: { a: 1n } }],
      ),
    ).toBe('p,d,o\r\n12345678901234567890,2026-01-01T00:00:00.000Z,"{""a"":""1""}"\r\n');
  });
});

const cohorts = {
  title: 'Retention',
  rowLabels: ['2026-01', '2026-02'],
  columnLabels: ['0', '1', '2'],
  cells: [
    [100, 40, 30],
    [100, 38, null],
  ],
  formatCell: (v: number) => `${v}%`,
  valueLabel: 'Retained %',
  domain: [0, 100] as [number, number],
};

describe('renderTerminalHeatMap', () => {
  it('prints plain numbers without colour, blanks for cells not observed yet', () => {
    expect(renderTerminalHeatMap(cohorts, { colour: false })).toBe(
      [
        'Retention',
        '',
        '             0     1     2',
        '2026-01   100%   40%   30%',
        '2026-02   100%   38%',
        '',
        'Retained % (blank = not observed yet)',
      ].join('\n'),
    );
  });

  it('colours observed cells with 256-colour backgrounds and readable text', () => {
    const out = renderTerminalHeatMap(cohorts, { colour: true });
    const cells = [...out.matchAll(/\x1b\[48;5;(\d+)m\x1b\[38;5;(\d+)m([^\x1b]*)\x1b\[0m/g)];
    expect(cells.map((m) => m[3]!.trim())).toEqual(['100%', '40%', '30%', '100%', '38%']);
    expect(cells[0]!.slice(1, 3)).toEqual(['53', '231']); // darkest purple, white text
    expect(cells[2]!.slice(1, 3)).toEqual(['36', '16']); // green, black text
    expect(out.split('\n')[4]).toMatch(/38%  \x1b\[0m$/); // nothing drawn for the missing cell
    expect(out).toContain('Retained %  0% ');
  });

  it('keeps escape sequences in labels out, and says when there is no data', () => {
    const out = renderTerminalHeatMap(
      { ...cohorts, title: 'T\x1b]0;pwned\x07', rowLabels: ['\x1b[31mred', 'b'] },
      { colour: false },
    );
    expect(out).not.toContain('\x1b');
    expect(out).not.toContain('\x07');
    expect(renderTerminalHeatMap({ ...cohorts, rowLabels: [] }, { colour: true })).toBe(
      'Retention\n(no data)',
    );
  });
});

const collect = () => {
  const chunks: string[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return { out, text: () => chunks.join('') };
};

describe('writeReport', () => {
  it('writes a titled table, bare CSV or JSON with bigints as strings', async () => {
    const table = collect();
    await writeReport({
      format: 'table',
      json: {},
      columns,
      rows,
      title: 'RFM\x1b',
      out: table.out,
    });
    expect(table.text()).toBe(`RFM\uFFFD\n\n${renderTable(columns, rows)}\n`);

    const csv = collect();
    await writeReport({ format: 'csv', json: {}, columns, rows, title: 'ignored', out: csv.out });
    expect(csv.text()).toBe(renderCsv(columns, rows));

    const json = collect();
    await writeReport({
      format: 'json',
      json: { points: 10n, rows },
      columns,
      rows,
      out: json.out,
    });
    expect(JSON.parse(json.text())).toEqual({ points: '10', rows });
    expect(json.text().endsWith('}\n')).toBe(true);
  });

  it('rejects when the stream fails', async () => {
    const out = new Writable({ write: (_chunk, _encoding, done) => done(new Error('EPIPE')) });
    out.on('error', () => {});
    await expect(writeReport({ format: 'csv', json: {}, columns, rows, out })).rejects.toThrow(
      'EPIPE',
    );
  });
});

describe('terminalSafe', () => {
  it('turns line breaks into spaces and other controls into U+FFFD', () => {
    expect(terminalSafe('a\r\nb\tc\u0007d\u009be')).toBe('a b c\uFFFDd\uFFFDe');
  });
});
