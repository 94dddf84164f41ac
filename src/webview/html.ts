// The panel's page as a pure function, so escaping can be tested without VS Code.
import type { StatusFamily } from '../cloud/models';
import { redact } from '../cloud/redact';
import { detailsFields, escapeHtml, highlightJson, statusLabel, type DetailsField } from './format';
import { rawJsonFor, titleFor, type DetailsSubject, type Translate } from './subject';
import { pageHead } from './pageHead';
import { timelineSection } from './timelineSection';

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
  /** A resource's timeline section, already rendered and escaped (see timelineSection). */
  timeline?: string;
  /** Already translated by the extension side. */
  labels: { status: string; details: string; rawJson: string; copyJson: string; copyId: string };
}

/** What the page needs from where it runs (the webview), as opposed to what it shows. */
export type PageEnv = Pick<DetailsPage, 'cspSource' | 'nonce' | 'styleUri' | 'scriptUri' | 'lang'>;

export interface DetailsView {
  title: string;
  html: string;
}

/**
 * Title and page of one subject, built together so the panel assigns both at once: a subject whose page cannot be
 * built gets its own title over an error page, never over the previous subject's details.
 */
export function detailsView(subject: DetailsSubject, env: PageEnv, t: Translate): DetailsView {
  const title = redact(titleFor(subject, t));
  const labels = { status: t('Status'), details: t('Details'), rawJson: t('Raw API response'), copyJson: t('Copy JSON'), copyId: t('Copy ID') };
  try {
    const { status: family, statusText } = subject.kind === 'backup' ? subject.backup : subject.resource;
    const status = { family, text: redact(statusText ?? statusLabel(family, t)) };
    const timeline = subject.kind === 'resource' ? timelineSection(subject, t) : undefined;
    const html = renderDetailsHtml({ ...env, title, status, fields: detailsFields(subject, t), rawJson: rawJsonFor(subject, t), timeline, labels });
    return { title, html };
  } catch (err) {
    const reason = redact(err instanceof Error ? err.message : String(err));
    const fields = [{ label: labels.details, value: t('Could not show the details: {0}', reason) }];
    const status = { family: 'unknown' as const, text: statusLabel('unknown', t) };
    return { title, html: renderDetailsHtml({ ...env, title, status, fields, rawJson: {}, labels }) };
  }
}

export function renderDetailsHtml(page: DetailsPage): string {
  const e = escapeHtml;
  const rows = page.fields
    .map((f) => `<tr data-field="${e(f.label)}"><th scope="row">${e(f.label)}</th><td>${e(f.value)}</td></tr>`)
    .join('\n');
  return `${pageHead({ ...page, imgSrc: page.cspSource })}
<body>
<header>
<h1 id="title">${e(page.title)}</h1>
<span id="status" class="badge status-${e(page.status.family)}" aria-label="${e(page.labels.status)}: ${e(page.status.text)}">${e(page.status.text)}</span>
</header>
<div class="actions">
<button id="copy-json" type="button">${e(page.labels.copyJson)}</button>
<button id="copy-id" type="button" class="secondary">${e(page.labels.copyId)}</button>
</div>
${page.timeline ?? ''}
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
