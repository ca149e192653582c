/**
 * A small well-formedness check for the SVG the charts write (tests only): one root element,
 * properly nested and closed tags, quoted and unique attributes, no stray `<` or `&`, only the
 * predefined or numeric entities, no characters XML forbids. No DTDs, CDATA or processing
 * instructions, which the charts never write. Returns what is wrong; empty means well-formed.
 */

const NAME = /^[A-Za-z_][\w.:-]*/;
const ENTITY = /^&(?:amp|lt|gt|quot|apos|#\d+|#x[\da-fA-F]+);/;
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Cs}/u;

const checkCharacters = (chunk: string, where: string, problems: string[]) => {
  if (FORBIDDEN.test(chunk)) problems.push(`forbidden character in ${where}`);
  for (let i = chunk.indexOf('&'); i !== -1; i = chunk.indexOf('&', i + 1))
    if (!ENTITY.test(chunk.slice(i)))
      problems.push(`bare & in ${where}: ${chunk.slice(i, i + 12)}`);
};

type Tag = { name: string; closing: boolean; selfClosing: boolean; end: number };

/** Parses the tag starting at `start` (a `<`), or returns a problem. */
const readTag = (xml: string, start: number, problems: string[]): Tag | null => {
  const fail = (problem: string) => {
    problems.push(problem);
    return null;
  };
  let i = start + 1;
  const closing = xml[i] === '/';
  if (closing) i++;
  const name = NAME.exec(xml.slice(i))?.[0];
  if (!name) return fail(`bad tag name at ${start}`);
  i += name.length;
  const seen = new Set<string>();
  for (;;) {
    const space = /^\s*/.exec(xml.slice(i))![0].length;
    i += space;
    if (xml.startsWith('/>', i) && !closing)
      return { name, closing, selfClosing: true, end: i + 2 };
    if (xml[i] === '>') return { name, closing, selfClosing: false, end: i + 1 };
    const attribute = closing || space === 0 ? undefined : NAME.exec(xml.slice(i))?.[0];
    if (!attribute) return fail(`bad attribute in <${name}> at ${i}`);
    if (seen.has(attribute)) problems.push(`duplicate attribute ${attribute} in <${name}>`);
    seen.add(attribute);
    i += attribute.length;
    const quote = xml[i + 1];
    if (xml[i] !== '=' || (quote !== '"' && quote !== "'"))
      return fail(`unquoted attribute ${attribute} in <${name}>`);
    const close = xml.indexOf(quote, i + 2);
    if (close === -1) return fail(`unterminated attribute ${attribute}`);
    const value = xml.slice(i + 2, close);
    if (value.includes('<')) problems.push(`< in attribute ${attribute} of <${name}>`);
    checkCharacters(value, `attribute ${attribute}`, problems);
    i = close + 1;
  }
};

export const xmlProblems = (xml: string): string[] => {
  const problems: string[] = [];
  const open: string[] = [];
  let roots = 0;
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const chunk = lt === -1 ? xml.slice(i) : xml.slice(i, lt);
    checkCharacters(chunk, 'text', problems);
    if (open.length === 0 && chunk.trim()) problems.push('text outside the root element');
    if (lt === -1) break;
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end === -1) return [...problems, 'unterminated comment'];
      i = end + 3;
      continue;
    }
    const tag = readTag(xml, lt, problems);
    if (!tag) return problems;
    if (tag.closing) {
      const expected = open.pop();
      if (expected !== tag.name) problems.push(`</${tag.name}> closes <${expected ?? 'nothing'}>`);
    } else {
      if (open.length === 0) roots++;
      if (!tag.selfClosing) open.push(tag.name);
    }
    i = tag.end;
  }
  if (open.length) problems.push(`unclosed <${open.join('> <')}>`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
};

/** Every attribute value in `xml`, as written (still escaped). */
export const attributeValues = (xml: string): string[] =>
  [...xml.matchAll(/\s[\w:-]+="([^"]*)"/g)].map((m) => m[1]!);

/** How many times `needle` occurs in `haystack`. */
export const count = (haystack: string, needle: string): number =>
  haystack.split(needle).length - 1;
