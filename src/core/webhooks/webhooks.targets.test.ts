import { describe, expect, it } from 'vitest';
import {
  classifyAddress,
  isPublicAddress,
  parseIpv6,
  targetUrlProblem,
} from './webhooks.targets.js';

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link_local'],
    ['100.64.0.1', 'shared'],
    ['100.127.255.255', 'shared'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['192.0.2.10', 'reserved'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::', 'unspecified'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['[::ffff:a9fe:a9fe]', 'link_local'],
    ['::ffff:10.0.0.1', 'private'],
    ['64:ff9b::192.168.0.1', 'private'],
    ['2002:7f00:1::', 'loopback'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['fe80::1%eth0', 'link_local'],
    ['febf::1', 'link_local'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'reserved'],
    ['not-an-address', 'invalid'],
    ['1.2.3', 'invalid'],
    ['01.2.3.4', 'invalid'],
    ['1:2:3:4:5:6:7:8:9', 'invalid'],
  ])('%s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it.each([
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '169.255.0.1',
    '2606:4700::1111',
    '::ffff:1.1.1.1',
  ])('%s is public', (address) => expect(isPublicAddress(address)).toBe(true));

  it('parses compressed IPv6 forms into eight groups', () => {
    expect(parseIpv6('1::')).toEqual([1, 0, 0, 0, 0, 0, 0, 0]);
    expect(parseIpv6('::2:3')).toEqual([0, 0, 0, 0, 0, 0, 2, 3]);
    expect(parseIpv6('1:2:3:4:5:6:7:8')).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(parseIpv6('1::2::3')).toBeNull();
    expect(parseIpv6('1:2:3:4:5:6:7::8')).toBeNull();
  });
});

describe('targetUrlProblem', () => {
  it('accepts public http and https URLs', () => {
    expect(targetUrlProblem('https://shop.example/hooks', false)).toBeNull();
    expect(targetUrlProblem('http://93.184.216.34:8080/h', false)).toBeNull();
  });

  // WHATWG URL parsing turns every IPv4 spelling into a dotted quad before we look at it.
  it.each([
    'http://127.0.0.1/h',
    'http://2130706433/h',
    'http://0x7f000001/h',
    'http://0x7f.1/h',
    'http://017700000001/h',
    'http://127.1/h',
    'http://0.0.0.0/h',
    'http://0/h',
    'http://[::1]/h',
    'http://[::ffff:127.0.0.1]/h',
    'http://[::]/h',
    'http://169.254.169.254/latest/meta-data',
    'http://10.0.0.5/h',
    'http://192.168.0.1/h',
    'http://[fd00::1]/h',
    'http://[fe80::1]/h',
    'http://localhost:3000/h',
    'http://api.localhost/h',
  ])('refuses %s, unless private targets are allowed', (url) => {
    expect(targetUrlProblem(url, false)).toMatch(/^must not point to/);
    expect(targetUrlProblem(url, true)).toBeNull();
  });

  it('refuses credentials and other schemes even when private targets are allowed', () => {
    expect(targetUrlProblem('https://user:pass@shop.example/h', true)).toMatch(/credentials/);
    expect(targetUrlProblem('https://user@shop.example/h', true)).toMatch(/credentials/);
    expect(targetUrlProblem('ftp://shop.example/h', true)).toMatch(/http or https/);
    expect(targetUrlProblem('file:///etc/passwd', true)).toMatch(/http or https/);
    expect(targetUrlProblem('not a url', true)).toMatch(/absolute/);
  });
});
