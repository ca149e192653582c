/**
 * The few SVG building blocks the charts share. Everything that comes from outside (titles, labels,
 * series names) goes through `escapeXml`, so a customer-supplied name can never become markup, and
 * every coordinate goes through `num`, so NaN or Infinity never reaches the picture.
 */

export const FONT_STACK =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

export const INK = '#1f2328';
export const MUTED_INK = '#57606a';
export const GRID = '#e4e7eb';
export const BACKGROUND = '#ffffff';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Characters XML 1.0 forbids outright (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/F). */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Cs}/gu;

/** Text or attribute value → XML-safe text; forbidden characters become U+FFFD. */
export const escapeXml = (text: string): string =>
  text.replace(NOT_XML, '\uFFFD').replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

/** Coordinates beyond this are far off any picture; clamping keeps them finite when rounded. */
const FAR = 1e6;

/** A coordinate or length for an attribute: at most two decimals, and 0 rather than NaN. */
export const num = (value: number): string =>
  Number.isFinite(value)
    ? String(Math.round(Math.max(-FAR, Math.min(FAR, value)) * 100) / 100 || 0)
    : '0';

export type Attributes = Record<string, string | number | undefined>;

const attributes = (attrs: Attributes): string =>
  Object.entries(attrs)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(
      ([name, value]) => ` ${name}="${typeof value === 'number' ? num(value) : escapeXml(value)}"`,
    )
    .join('');

/** An element whose children are markup built by these helpers (never raw outside text). */
export const el = (name: string, attrs: Attributes, ...children: string[]): string =>
  children.length === 0
    ? `<${name}${attributes(attrs)}/>`
    : `<${name}${attributes(attrs)}>${children.join('')}</${name}>`;

/** A `<text>` element; `content` is plain text and is escaped here. */
export const text = (attrs: Attributes, content: string): string =>
  `<text${attributes(attrs)}>${escapeXml(content)}</text>`;

/** A hover tooltip for the enclosing element. */
export const tooltip = (content: string): string => `<title>${escapeXml(content)}</title>`;

const em = (chars: string, width: number) => [...chars].map((c) => [c, width] as const);
const ASCII_EM = new Map<string, number>([
  ...em("il.,:;'|! ()[]ftjr", 0.34),
  ...em('MWmw@%', 0.92),
  ...em('ABCDEFGHIJKLNOPQRSTUVXYZ0123456789#?&', 0.68),
]);

/** Advance width of `content`, erring wide (DejaVu Sans is wider than most system fonts). */
export const textWidth = (content: string, fontSize: number): number => {
  let total = 0;
  for (const char of content)
    total += ASCII_EM.get(char) ?? (char.codePointAt(0)! > 0x2e80 ? 1 : 0.6);
  return total * fontSize;
};

/** `content` cut with an ellipsis so that it fits in `maxWidth` (keep the whole in a tooltip). */
export const truncate = (content: string, maxWidth: number, fontSize: number): string => {
  if (textWidth(content, fontSize) <= maxWidth) return content;
  const chars = [...content];
  while (chars.length > 1 && textWidth(`${chars.join('')}…`, fontSize) > maxWidth) chars.pop();
  return `${chars.join('').trimEnd()}…`;
};

/** FNV-1a, to give each picture's ids (patterns, gradients, clip paths) a stable own prefix. */
export const idPrefix = (seed: string): string => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    hash ^= seed.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `rg${(hash >>> 0).toString(36)}`;
};

export type SvgDocument = {
  width: number;
  height: number;
  title: string;
  description: string;
  body: string[];
  defs?: string[];
};

/** A standalone, accessible SVG: `role="img"`, an `aria-label`, `<title>` and `<desc>`. */
export const svgDocument = ({ width, height, title, description, body, defs }: SvgDocument) =>
  [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(height)}"` +
      ` viewBox="0 0 ${num(width)} ${num(height)}" role="img" aria-label="${escapeXml(title)}"` +
      ` font-family="${escapeXml(FONT_STACK)}" font-size="12" fill="${INK}">`,
    `<title>${escapeXml(title)}</title>`,
    `<desc>${escapeXml(description)}</desc>`,
    ...(defs?.length ? [`<defs>${defs.join('')}</defs>`] : []),
    el('rect', { width, height, fill: BACKGROUND }),
    ...body,
    '</svg>',
    '',
  ].join('\n');

export const TITLE_FONT_SIZE = 16;
export const PADDING = 16;

/** The chart title, top left, shortened to the picture's width. */
export const titleText = (title: string, width: number): string =>
  text(
    { x: PADDING, y: PADDING + TITLE_FONT_SIZE, 'font-size': TITLE_FONT_SIZE, 'font-weight': 600 },
    truncate(title, width - 2 * PADDING, TITLE_FONT_SIZE),
  );

/** What every chart draws when there is nothing to draw: a plain "No data" picture. */
export const noDataSvg = (title: string): string => {
  const width = 480;
  const height = 160;
  return svgDocument({
    width,
    height,
    title,
    description: 'No data',
    body: [
      titleText(title, width),
      el('rect', {
        x: PADDING,
        y: 48,
        width: width - 2 * PADDING,
        height: height - 48 - PADDING,
        fill: '#f6f8fa',
        stroke: GRID,
        rx: 4,
      }),
      text(
        {
          x: width / 2,
          y: (48 + height - PADDING) / 2 + 5,
          'text-anchor': 'middle',
          fill: MUTED_INK,
        },
        'No data',
      ),
    ],
  });
};
