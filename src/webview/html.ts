// The panel's page as a pure function, so escaping can be tested without VS Code.
import type { StatusFamily } from '../cloud/models';
import { escapeHtml, highlightJson, type DetailsField } from './format';

export interface DetailsPage {
  cspSource: string;
  nonce: string;
  styleUri: string;
  scriptUri: string;
  lang: string;
  title: string;
  status: { family: StatusFamily; text: string };
  fields: DetailsField[];
  rawJson: unknown;
  /** Already translated by the extension side. */
  labels: { status: string; details: string; rawJson: string; copyJson: string; copyId: string };
}

export function renderDetailsHtml(page: DetailsPage): string {
  const e = escapeHtml;
  const csp = [
    "default-src 'none'",
    `style-src ${page.cspSource}`,
    `script-src 'nonce-${page.nonce}'`,
    `img-src ${page.cspSource}`,
  ].join('; ');
  const rows = page.fields
    .map((f) => `<tr data-field="${e(f.label)}"><th scope="row">${e(f.label)}</th><td>${e(f.value)}</td></tr>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="${e(page.lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${e(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${e(page.styleUri)}">
<title>${e(page.title)}</title>
</head>
<body>
<header>
<h1 id="title">${e(page.title)}</h1>
<span id="status" class="badge status-${e(page.status.family)}" aria-label="${e(page.labels.status)}: ${e(page.status.text)}">${e(page.status.text)}</span>
</header>
<div class="actions">
<button id="copy-json" type="button">${e(page.labels.copyJson)}</button>
<button id="copy-id" type="button" class="secondary">${e(page.labels.copyId)}</button>
</div>
<table id="fields" aria-label="${e(page.labels.details)}">
<tbody>
${rows}
</tbody>
</table>
<section aria-labelledby="raw-json-heading">
<h2 id="raw-json-heading">${e(page.labels.rawJson)}</h2>
<pre id="raw-json" tabindex="0"><code>${highlightJson(page.rawJson)}</code></pre>
</section>
<script nonce="${e(page.nonce)}" src="${e(page.scriptUri)}"></script>
</body>
</html>`;
}
