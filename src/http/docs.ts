/**
 * A readable, self-contained API page rendered from the OpenAPI document. It needs no script from
 * a CDN, so it works on an offline machine.
 */
type Json = Record<string, unknown>;

const escape = (text: string) =>
  text.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);

const block = (value: unknown) => `<pre>${escape(JSON.stringify(value, null, 2))}</pre>`;

const operation = (path: string, method: string, op: Json) => {
  const body = (op.requestBody as Json | undefined)?.content as Json | undefined;
  const schema = (body?.['application/json'] as Json | undefined)?.schema;
  const params = (op.parameters as Json[] | undefined) ?? [];
  const responses = Object.entries((op.responses as Json) ?? {})
    .map(
      ([status, r]) =>
        `<li><code>${status}</code> ${escape(String((r as Json).description ?? ''))}</li>`,
    )
    .join('');
  return `<section id="${escape(`${method}-${path}`)}">
    <h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${escape(path)}</code></h3>
    <p><strong>${escape(String(op.summary ?? ''))}</strong></p>
    ${op.description ? `<p>${escape(String(op.description))}</p>` : ''}
    ${params.length ? `<h4>Parameters</h4><ul>${params.map((p) => `<li><code>${escape(String(p.name))}</code> (${escape(String(p.in))})</li>`).join('')}</ul>` : ''}
    ${schema ? `<details><summary>Request body schema</summary>${block(schema)}</details>` : ''}
    <h4>Responses</h4><ul>${responses}</ul>
  </section>`;
};

export const renderDocsPage = (document: Json): string => {
  const paths = Object.entries((document.paths as Json) ?? {});
  const sections = paths
    .flatMap(([path, methods]) =>
      Object.entries(methods as Json).map(([m, op]) => operation(path, m, op as Json)),
    )
    .join('\n');
  const schemas = (document.components as Json | undefined)?.schemas ?? {};
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Regulars API</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#1d1d1f}
section{border-top:1px solid #ddd;padding:.5rem 0}code{background:#f3f3f5;padding:0 .25rem;border-radius:3px}
pre{background:#f7f7f9;padding:.75rem;overflow:auto;font-size:13px}.m{font-weight:700;padding:0 .4rem;border-radius:3px;color:#fff}
.get{background:#2a7ae2}.post{background:#1a9b55}.patch{background:#c77d00}.delete{background:#c0392b}
</style></head><body>
<h1>Regulars API</h1>
<p>Authenticate with <code>Authorization: Bearer &lt;key&gt;</code>. Every POST and PATCH accepts an
<code>Idempotency-Key</code>. Errors are RFC 9457 <code>application/problem+json</code> naming the field at fault.
The machine-readable document is at <a href="/openapi.json">/openapi.json</a>.</p>
${sections}
<h2>Schemas</h2>${block(schemas)}
</body></html>`;
};
