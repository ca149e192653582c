import type { Command } from 'commander';
import type { DataDirBusyError, DataDirOwner } from '../db/data-dir-lock.js';

/** EX_TEMPFAIL (sysexits.h): try again once the owner is done. */
export const DATA_DIR_BUSY_EXIT_CODE = 75;

/** `import orders`, `report kpis`, `keys:create`: the command's path below the program. */
export const commandPath = (command: Command): string => {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
};

const REPORT_ROUTES: Record<string, string> = {
  kpis: '/v1/analytics/kpis',
  retention: '/v1/analytics/retention',
  cohorts: '/v1/analytics/cohorts',
  campaign: '/v1/analytics/campaign-effect',
  rfm: '/v1/analytics/rfm and /v1/analytics/lifecycle',
  clv: '/v1/analytics/clv',
};

const curl = (url: string, method: string, path: string, body?: Record<string, unknown>) =>
  [
    `curl -X ${method} ${url}${path}`,
    '-H "authorization: Bearer $REGULARS_ADMIN_KEY"',
    ...(body ? ["-H 'content-type: application/json'", `-d '${JSON.stringify(body)}'`] : []),
  ].join(' ');

/** What the user can do instead while a server owns the directory: the API call for the task. */
const apiAlternative = (
  path: string,
  options: Record<string, unknown>,
  url: string,
  args: readonly string[] = [],
): string => {
  const [first, second] = path.split(' ');
  if (path === 'keys:create')
    return `or set REGULARS_ADMIN_KEY to the server's admin key and this command asks the server, or: ${curl(url, 'POST', '/v1/api-keys', { name: options.name, role: options.role })}`;
  if (path === 'keys:list')
    return `or set REGULARS_ADMIN_KEY to the server's admin key and this command asks the server, or: ${curl(url, 'GET', '/v1/api-keys')}`;
  if (path === 'keys:revoke')
    return `or set REGULARS_ADMIN_KEY to the server's admin key and this command asks the server, or: ${curl(url, 'POST', `/v1/api-keys/${args[0] ?? 'ID'}/revoke`)}`;
  if (path === 'users:create')
    return `or create the user through the server: ${curl(url, 'POST', '/v1/users', { email: options.email, name: options.name, role: options.role, password: '…' })}`;
  if (first === 'report' && second && REPORT_ROUTES[second])
    return `or read the figures from the server: GET ${url}${REPORT_ROUTES[second]} (with the admin key), or open ${url}/admin`;
  if (path === 'import orders')
    return `or send the orders through the server one by one: POST ${url}/v1/customers, then POST ${url}/v1/orders`;
  if (path === 'rules simulate')
    return `or simulate through the server: POST ${url}/v1/rules/simulate with the rule as {"rule": …}`;
  if (path === 'demo') return 'or start the server with `regulars serve --demo` instead';
  if (path === 'migrate') return 'a running server has already migrated the database at its start';
  return `or use the server's API at ${url}`;
};

const ownerText = (owner: DataDirOwner): string =>
  `${owner.url ? 'the server' : `\`${owner.command}\``} (pid ${owner.pid}${owner.url ? `, ${owner.url}` : ''}, since ${owner.since})`;

/**
 * The refusal a command prints when another process owns the PGlite data directory: who owns it,
 * and what to do instead. Nothing was opened, so nothing was written.
 */
export const dataDirBusyMessage = (error: DataDirBusyError, command: Command | null): string => {
  const { owner, dataDir } = error;
  const path = command ? commandPath(command) : '';
  const lines = [`error: ${ownerText(owner)} owns ${dataDir}; it has one owner at a time.`];
  if (owner.url) {
    lines.push(
      `  Stop the server first (Ctrl-C or kill ${owner.pid}) and run \`regulars ${path}\` again,`,
      `  ${apiAlternative(path, command?.opts() ?? {}, owner.url, command?.args)}.`,
    );
  } else {
    lines.push(
      `  Wait until it has finished (or stop it: kill ${owner.pid}), then run this again.`,
    );
  }
  return lines.join('\n');
};
