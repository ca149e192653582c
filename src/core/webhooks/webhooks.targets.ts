/**
 * Where a webhook may be sent. A subscription names a URL; Regulars, not the subscriber, makes the
 * request, so a URL that points inside our own network (the loopback, a private range, the cloud
 * metadata service at 169.254.169.254) would let anyone with an admin key probe it. Such targets
 * are refused unless the installation allows them (local development).
 *
 * Pure: parses and classifies address strings; resolving names is the adapter's job, which then
 * checks every address the name resolves to with `isPublicAddress`.
 */

export type AddressClass =
  | 'public'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'link_local'
  | 'shared'
  | 'multicast'
  | 'reserved'
  | 'invalid';

/** Strict dotted-quad decimal; the URL parser has already turned 2130706433, 0x7f.1 and 017700000001 into it. */
export const parseIpv4 = (text: string): number[] | null => {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const bytes = parts.map((p) => (/^(0|[1-9]\d{0,2})$/.test(p) ? Number(p) : Number.NaN));
  return bytes.every((b) => b >= 0 && b <= 255) ? bytes : null;
};

const groupsOf = (part: string): number[] | null => {
  if (part === '') return [];
  const groups: number[] = [];
  const pieces = part.split(':');
  for (const [i, piece] of pieces.entries()) {
    if (i === pieces.length - 1 && piece.includes('.')) {
      const v4 = parseIpv4(piece);
      if (!v4) return null;
      groups.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
    } else if (/^[0-9a-f]{1,4}$/i.test(piece)) {
      groups.push(parseInt(piece, 16));
    } else {
      return null;
    }
  }
  return groups;
};

/** Eight 16-bit groups; accepts `::`, a trailing dotted IPv4, brackets and a zone (`%eth0`). */
export const parseIpv6 = (text: string): number[] | null => {
  const bare = text.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  if (!bare.includes(':')) return null;
  const halves = bare.split('::');
  if (halves.length > 2) return null;
  const head = groupsOf(halves[0]!);
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : [];
  if (!head || !tail) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  const missing = 8 - head.length - tail.length;
  return missing >= 1 ? [...head, ...Array<number>(missing).fill(0), ...tail] : null;
};

const inV4 = (b: number[], prefix: number[], bits: number): boolean => {
  const address = ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
  const net = ((prefix[0]! << 24) | (prefix[1]! << 16) | (prefix[2]! << 8) | prefix[3]!) >>> 0;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return (address & mask) === (net & mask);
};

const V4_RANGES: [number[], number, AddressClass][] = [
  [[0, 0, 0, 0], 8, 'unspecified'],
  [[10, 0, 0, 0], 8, 'private'],
  [[100, 64, 0, 0], 10, 'shared'],
  [[127, 0, 0, 0], 8, 'loopback'],
  [[169, 254, 0, 0], 16, 'link_local'],
  [[172, 16, 0, 0], 12, 'private'],
  [[192, 0, 0, 0], 24, 'reserved'],
  [[192, 0, 2, 0], 24, 'reserved'],
  [[192, 88, 99, 0], 24, 'reserved'],
  [[192, 168, 0, 0], 16, 'private'],
  [[198, 18, 0, 0], 15, 'reserved'],
  [[198, 51, 100, 0], 24, 'reserved'],
  [[203, 0, 113, 0], 24, 'reserved'],
  [[224, 0, 0, 0], 4, 'multicast'],
  [[240, 0, 0, 0], 4, 'reserved'],
];

const classifyV4 = (bytes: number[]): AddressClass =>
  V4_RANGES.find(([prefix, bits]) => inV4(bytes, prefix, bits))?.[2] ?? 'public';

/** The IPv4 address held in the last 32 bits of `g`. */
const embeddedV4 = (g: number[]): number[] => [g[6]! >> 8, g[6]! & 0xff, g[7]! >> 8, g[7]! & 0xff];

const classifyV6 = (g: number[]): AddressClass => {
  const [a, b] = [g[0]!, g[1]!];
  const zeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroUpTo(8)) return 'unspecified';
  if (zeroUpTo(7) && g[7] === 1) return 'loopback';
  // ::ffff:a.b.c.d (v4-mapped), ::a.b.c.d (v4-compatible), 64:ff9b::a.b.c.d (NAT64): the IPv4 inside.
  if (zeroUpTo(5) && (g[5] === 0xffff || g[5] === 0)) return classifyV4(embeddedV4(g));
  if (a === 0x64 && b === 0xff9b && g.slice(2, 6).every((x) => x === 0))
    return classifyV4(embeddedV4(g));
  // 6to4 (2002:a.b.c.d::/48) reaches the IPv4 address it embeds.
  if (a === 0x2002) return classifyV4([b >> 8, b & 0xff, g[2]! >> 8, g[2]! & 0xff]);
  if ((a & 0xfe00) === 0xfc00) return 'private'; // fc00::/7 unique local
  if ((a & 0xffc0) === 0xfe80) return 'link_local'; // fe80::/10
  if ((a & 0xffc0) === 0xfec0) return 'private'; // fec0::/10 site-local (deprecated)
  if ((a & 0xff00) === 0xff00) return 'multicast'; // ff00::/8
  if (a === 0x2001 && b === 0x0db8) return 'reserved'; // documentation
  if (a === 0x2001 && b === 0) return 'reserved'; // Teredo: tunnels to an address we cannot check
  // Only 2000::/3 is global unicast; everything else is unassigned or special.
  return (a & 0xe000) === 0x2000 ? 'public' : 'reserved';
};

/** What kind of address `text` is (IPv4 dotted quad or IPv6, with or without brackets). */
export const classifyAddress = (text: string): AddressClass => {
  const v4 = parseIpv4(text);
  if (v4) return classifyV4(v4);
  const v6 = parseIpv6(text);
  return v6 ? classifyV6(v6) : 'invalid';
};

export const isPublicAddress = (text: string): boolean => classifyAddress(text) === 'public';

/** Whether the URL's host is an IP literal (IPv4 or bracketed IPv6), as the URL parser wrote it. */
export const isAddressLiteral = (hostname: string): boolean =>
  parseIpv4(hostname) !== null || parseIpv6(hostname) !== null;

const LOCAL_NAMES = /(^|\.)(localhost|localhost\.localdomain)\.?$/i;

/**
 * Why `url` may not be a webhook target, or null when it may. Checked when a subscription is
 * created or changed (on the URL alone) and again at every delivery (then also on the addresses
 * its name resolves to, by the adapter).
 */
export const targetUrlProblem = (url: string, allowPrivate: boolean): string | null => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'must be an absolute http or https URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return 'must be an http or https URL';
  if (parsed.username !== '' || parsed.password !== '')
    return 'must not carry credentials (user:password@): authenticate with the signature';
  if (allowPrivate) return null;
  const host = parsed.hostname;
  if (LOCAL_NAMES.test(host)) return 'must not point to this host (localhost)';
  if (isAddressLiteral(host)) {
    const kind = classifyAddress(host);
    if (kind !== 'public') return `must not point to a ${kind.replace('_', '-')} address`;
  }
  return null;
};
