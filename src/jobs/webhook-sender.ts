import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { WebhookSender } from '../core/webhooks/webhooks.delivery.js';
import { excerpt, isSuccessStatus, type SendResult } from '../core/webhooks/webhooks.plan.js';
import {
  classifyAddress,
  isPublicAddress,
  targetUrlProblem,
} from '../core/webhooks/webhooks.targets.js';
import { DELIVERY_TIMEOUT_MS, RESPONSE_EXCERPT_CHARS } from '../core/webhooks/webhooks.js';

export interface ResolvedAddress {
  address: string;
  family: number;
}

export interface HttpSenderOptions {
  /** One attempt, from the name lookup to the last byte read, ends by then (default 10 s). */
  timeoutMs?: number;
  /** REGULARS_WEBHOOKS_ALLOW_PRIVATE: loopback, private and link-local targets are allowed. */
  allowPrivateTargets?: boolean;
  /** Aborts every request in flight: the shutdown's grace has run out. */
  signal?: AbortSignal;
  /** A name's addresses (default: the system resolver, every address). */
  resolve?: (hostname: string) => Promise<ResolvedAddress[]>;
}

const systemResolve = (hostname: string): Promise<ResolvedAddress[]> =>
  dnsLookup(hostname, { all: true, verbatim: true });

const refused = (reason: string): SendResult => ({
  ok: false,
  statusCode: null,
  responseExcerpt: null,
  error: `refused: ${reason}`,
  refused: true,
});

const failed = (error: string): SendResult => ({
  ok: false,
  statusCode: null,
  responseExcerpt: null,
  error,
});

/** A short reason, without echoing addresses or whatever else the error carries. */
const describeError = (error: unknown, signal: AbortSignal): string => {
  if (signal.aborted) {
    const reason: unknown = signal.reason;
    return reason instanceof Error && reason.name === 'TimeoutError'
      ? 'timed out'
      : 'abandoned at shutdown';
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `name not resolved (${code})`;
  return typeof code === 'string' ? `connection failed (${code})` : 'connection failed';
};

const untilAborted = <T>(work: Promise<T>, signal: AbortSignal): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });

const addressesOf = async (
  hostname: string,
  resolve: (hostname: string) => Promise<ResolvedAddress[]>,
): Promise<ResolvedAddress[]> => {
  const bare = hostname.replace(/^\[(.*)\]$/, '$1');
  const family = isIP(bare);
  return family ? [{ address: bare, family }] : resolve(bare);
};

/**
 * POSTs to `target` connecting only to `pinned`, the address that was checked: a lookup at
 * connect time could answer differently (DNS rebinding). TLS still checks the certificate against
 * the URL's host name. Reads at most about RESPONSE_EXCERPT_CHARS of the answer, then hangs up;
 * the answer's headers are not kept.
 */
const post = (
  target: URL,
  pinned: ResolvedAddress,
  request: { headers: Record<string, string>; body: string },
  signal: AbortSignal,
) =>
  new Promise<{ status: number; text: string }>((resolve, reject) => {
    const lookup: LookupFunction = (_hostname, options, callback) => {
      if (options.all) callback(null, [pinned]);
      else callback(null, pinned.address, pinned.family);
    };
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(target, {
      method: 'POST',
      headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
      lookup,
      signal,
      agent: false,
    });
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      const done = () => {
        res.destroy();
        resolve({ status: res.statusCode ?? 0, text });
      };
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        if (text.length > RESPONSE_EXCERPT_CHARS) done();
      });
      res.on('end', done);
      res.on('error', done);
    });
    req.end(request.body);
  });

/**
 * The delivery sender: checks the URL again, resolves its host and refuses the attempt when any
 * of its addresses is not public (unless allowed), then POSTs to the checked address with a
 * timeout. Redirects are not followed: a 3xx is a failure, as any answer outside 2xx.
 */
export const httpSender =
  (options: HttpSenderOptions = {}): WebhookSender =>
  async ({ url, headers, body }) => {
    const allowPrivate = options.allowPrivateTargets ?? false;
    const problem = targetUrlProblem(url, allowPrivate);
    if (problem) return refused(`the url ${problem}`);
    const timeout = AbortSignal.timeout(options.timeoutMs ?? DELIVERY_TIMEOUT_MS);
    const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
    try {
      const target = new URL(url);
      const addresses = await untilAborted(
        addressesOf(target.hostname, options.resolve ?? systemResolve),
        signal,
      );
      if (addresses.length === 0) return failed('name not resolved');
      const blocked = allowPrivate ? undefined : addresses.find((a) => !isPublicAddress(a.address));
      if (blocked) {
        const kind = classifyAddress(blocked.address).replace('_', '-');
        return refused(`${target.hostname} resolves to a ${kind} address`);
      }
      const answer = await post(target, addresses[0]!, { headers, body }, signal);
      const responseExcerpt = excerpt(answer.text, RESPONSE_EXCERPT_CHARS);
      return isSuccessStatus(answer.status)
        ? { ok: true, statusCode: answer.status, responseExcerpt }
        : { ok: false, statusCode: answer.status, responseExcerpt, error: null };
    } catch (error) {
      return failed(describeError(error, signal));
    }
  };
