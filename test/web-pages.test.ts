import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';

// The dashboard and the member page, served from a web dist laid out as `vite build` leaves it:
// the two HTML pages at the top, hashed scripts under assets/.
let t: TestApp;
let dist: string;
beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'regulars-web-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'admin.html'), '<!doctype html><title>admin page</title>');
  writeFileSync(join(dist, 'member.html'), '<!doctype html><title>member page</title>');
  writeFileSync(join(dist, 'assets', 'admin-Bx3k9QzA.js'), 'console.log("admin");');
  t = await startTestApp({ webDist: `${dist}/` });
});
afterAll(async () => {
  await t.close();
  rmSync(dist, { recursive: true, force: true });
});

const expectPageHeaders = (headers: Headers) => {
  expect(headers.get('content-security-policy')).toMatch(/default-src 'self'/);
  expect(headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
  expect(headers.get('cache-control')).toBe('no-store');
  expect(headers.get('x-content-type-options')).toBe('nosniff');
};

describe('web pages', () => {
  it('serves the dashboard under /admin with its CSP and no caching', async () => {
    for (const path of ['/admin', '/admin/customers/cus_1']) {
      const res = await t.call('GET', path);
      expect(res.status, path).toBe(200);
      expect(res.body).toContain('admin page');
      expectPageHeaders(res.headers);
    }
  });

  it('serves the member page under /m/{token} with its CSP and no caching', async () => {
    const res = await t.call('GET', '/m/some-card-token');
    expect(res.status).toBe(200);
    expect(res.body).toContain('member page');
    expectPageHeaders(res.headers);
  });

  it('does not serve the HTML pages under /static, where they would lack the CSP', async () => {
    for (const path of [
      '/static/admin.html',
      '/static/member.html',
      '/static/assets/../admin.html',
      '/static/assets/..%2fadmin.html',
      '/static/assets/%2e%2e/member.html',
      '/static/',
    ]) {
      const res = await t.call('GET', path);
      expect(res.status, path).toBe(404);
      expect(JSON.stringify(res.body), path).not.toContain('page</title>');
      expect(res.headers.get('cache-control') ?? '', path).not.toContain('immutable');
    }
  });

  it('serves hashed assets with a year-long cache', async () => {
    const res = await t.call('GET', '/static/assets/admin-Bx3k9QzA.js');
    expect(res.status).toBe(200);
    expect(res.body).toContain('console.log');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-type')).toMatch(/javascript/);
  });
});
