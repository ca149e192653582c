import {
  DARK_TEXT,
  readableTextOn,
  TERMINAL_RAMP,
  terminalRampColour,
  xtermHex,
} from '../../core/analytics/charts/colour.js';
import { heatMapScale, type HeatMapInput } from '../../core/analytics/charts/heat-map.js';

/** Printing shared by the `regulars report …` commands: tables, CSV, JSON and cohort heat maps. */

export type Column = {
  key: string;
  label: string;
  /** Defaults to right for columns holding only numbers, left otherwise. */
  align?: 'left' | 'right';
  /** For the table only; CSV and JSON keep the raw values. */
  format?: (value: unknown) => string;
};

export type Row = Record<string, unknown>;

export type ReportFormat = 'table' | 'json' | 'csv';

// C0 and C1 controls and DEL: a customer-supplied name must not move the cursor or recolour the
// terminal (ESC [ …), just as it must not inject markup into an SVG.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** Text safe to print: line breaks and tabs become spaces, other controls U+FFFD. */
export const terminalSafe = (text: string): string =>
  text.replace(/\r\n|[\t\n\r]/g, ' ').replace(CONTROL, '\uFFFD');

const ZERO_WIDTH = /^(?:\p{M}|\u200d|\ufe0f)$/u;
const WIDE =
  /^(?:[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|\p{Emoji_Presentation})$/u;

/** Columns `text` takes in a terminal: wide CJK and emoji count two, combining marks none. */
export const displayWidth = (text: string): number => {
  let width = 0;
  for (const char of text) width += ZERO_WIDTH.test(char) ? 0 : WIDE.test(char) ? 2 : 1;
  return width;
};

const pad = (text: string, width: number, align: 'left' | 'right' | 'centre'): string => {
  const room = Math.max(0, width - displayWidth(text));
  if (align === 'left') return text + ' '.repeat(room);
  if (align === 'right') return ' '.repeat(room) + text;
  const before = Math.floor(room / 2);
  return ' '.repeat(before) + text + ' '.repeat(room - before);
};

/** How a value reads in a table when its column has no `format`. */
export const formatCellValue = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number')
    return !Number.isFinite(value)
      ? ''
      : Number.isInteger(value)
        ? String(value)
        : value.toFixed(2);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value, jsonReplacer);
  return String(value);
};

const isNumeric = (value: unknown) => typeof value === 'number' || typeof value === 'bigint';

const alignmentOf = (column: Column, rows: Row[]): 'left' | 'right' => {
  if (column.align) return column.align;
  const values = rows.map((row) => row[column.key]).filter((v) => v !== null && v !== undefined);
  return values.length > 0 && values.every(isNumeric) ? 'right' : 'left';
};

/**
 * An aligned plain-text table: a header, a rule of dashes under each column, then the rows.
 * Columns are two spaces apart; numbers align right unless told otherwise; no trailing spaces.
 */
export const renderTable = (columns: Column[], rows: Row[]): string => {
  const cells = rows.map((row) =>
    columns.map((c) => terminalSafe((c.format ?? formatCellValue)(row[c.key]))),
  );
  const headers = columns.map((c) => terminalSafe(c.label));
  const widths = columns.map((_, i) =>
    Math.max(displayWidth(headers[i]!), ...cells.map((line) => displayWidth(line[i]!))),
  );
  const aligns = columns.map((c) => alignmentOf(c, rows));
  const line = (texts: string[]) =>
    texts
      .map((t, i) => pad(t, widths[i]!, aligns[i]!))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
};

/** What a value becomes in CSV: the raw value, machine-readable (no `format`). */
const csvValue = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value, jsonReplacer);
  return String(value);
};

const NUMBER_TEXT = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?$/i;

/**
 * Spreadsheets run text starting with = + - @ (or a tab or CR) as a formula: a customer named
 * `=HYPERLINK(…)` must stay text. Such text gets a leading apostrophe, as OWASP advises; numbers
 * like -5 are left alone.
 */
const guardFormula = (text: string): string =>
  /^[=+\-@\t\r]/.test(text) && !NUMBER_TEXT.test(text) ? `'${text}` : text;

const quote = (field: string): string =>
  /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;

/**
 * RFC 4180 CSV: CRLF after every record, fields quoted only when they hold a comma, quote or line
 * break. The header row holds the column **keys**, not the labels: keys are stable identifiers
 * and match the field names of `--format json`, so scripts can rely on them. Values are raw (the
 * columns' `format` is for the table only) and text is guarded against formula injection.
 */
export const renderCsv = (columns: Column[], rows: Row[]): string =>
  [
    columns.map((c) => quote(guardFormula(c.key))),
    ...rows.map((row) => columns.map((c) => quote(guardFormula(csvValue(row[c.key]))))),
  ]
    .map((fields) => `${fields.join(',')}\r\n`)
    .join('');

/** JSON.stringify replacer: bigint (points) as a decimal string, since JSON has no big integers. */
export const jsonReplacer = (_key: string, value: unknown): unknown =>
  typeof value === 'bigint' ? value.toString() : value;

const RESET = '\x1b[0m';
const BLACK = 16;
const WHITE = 231;

/** ANSI codes for a cell of xterm colour `index`, with dark or white text, whichever reads. */
const cellColours = (index: number) =>
  `\x1b[48;5;${index}m\x1b[38;5;${readableTextOn(xtermHex(index)) === DARK_TEXT ? BLACK : WHITE}m`;

/** The ramp's seven colours from low to high, between the domain's ends. */
const colourLegend = (label: string, [lo, hi]: [number, number], format: (v: number) => string) => {
  const strip = TERMINAL_RAMP.map((index) => `\x1b[48;5;${index}m   `).join('');
  return `${label}  ${format(lo)} ${strip}${RESET} ${format(hi)}   (blank = not observed yet)`;
};

/**
 * A cohort table for the terminal. With `colour`, cells get ANSI 256-colour backgrounds along the
 * SVG heat map's ramp and domain (seven steps), with dark or white text; without, plain numbers.
 * The caller decides `colour` (NO_COLOR, not a TTY…). Cells not observed yet stay blank.
 */
export const renderTerminalHeatMap = (
  input: HeatMapInput,
  options: { colour: boolean },
): string => {
  const title = terminalSafe(input.title);
  if (input.rowLabels.length === 0 || input.columnLabels.length === 0) return `${title}\n(no data)`;
  const { grid, domain, format, position } = heatMapScale(input);
  const rowLabels = input.rowLabels.map(terminalSafe);
  const columnLabels = input.columnLabels.map(terminalSafe);
  const texts = grid.map((row) => row.map((v) => (v === null ? '' : terminalSafe(format(v)))));
  const labelWidth = Math.max(0, ...rowLabels.map(displayWidth));
  const cellWidth =
    2 + Math.max(...columnLabels.map(displayWidth), ...texts.flat().map(displayWidth));
  const align = options.colour ? 'centre' : 'right';
  const cellText = (r: number, c: number) => {
    const value = grid[r]![c]!;
    const text = pad(texts[r]![c]!, cellWidth, align);
    return options.colour && value !== null
      ? `${cellColours(terminalRampColour(position(value)))}${text}${RESET}`
      : text;
  };
  const header = columnLabels.map((l) => pad(l, cellWidth, align)).join('');
  const lines = rowLabels.map(
    (label, r) =>
      `${pad(label, labelWidth, 'left')} ${columnLabels.map((_, c) => cellText(r, c)).join('')}`,
  );
  const valueLabel = terminalSafe(input.valueLabel ?? 'Values');
  const legend = options.colour
    ? colourLegend(valueLabel, domain, (v) => terminalSafe(format(v)))
    : `${valueLabel} (blank = not observed yet)`;
  return [title, '', `${' '.repeat(labelWidth)} ${header}`, ...lines, '', legend]
    .map((line) => line.trimEnd())
    .join('\n');
};

export type WriteReportOptions = {
  format: ReportFormat;
  /** What `--format json` prints, whole (so JSON can carry more than the table shows). */
  json: unknown;
  columns: Column[];
  rows: Row[];
  /** Printed above the table; JSON and CSV stay bare so they can be piped. */
  title?: string;
  out: NodeJS.WritableStream;
};

/** Renders a report in the chosen format and writes it to `out`, resolving once written. */
export const writeReport = (options: WriteReportOptions): Promise<void> => {
  const { format, columns, rows, title } = options;
  const text =
    format === 'json'
      ? `${JSON.stringify(options.json, jsonReplacer, 2)}\n`
      : format === 'csv'
        ? renderCsv(columns, rows)
        : `${title ? `${terminalSafe(title)}\n\n` : ''}${renderTable(columns, rows)}\n`;
  return new Promise((resolve, reject) =>
    options.out.write(text, (error?: Error | null) => (error ? reject(error) : resolve())),
  );
};
