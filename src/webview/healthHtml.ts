// The Backup Health panel's page as a pure function of its rows and status: strict CSP, a nonce for the one script,
// every piece of text escaped. Rows that arrive later are added by media/health.js from the same row views.
import { escapeHtml } from './format';
import { HEALTH_COLUMNS, VERDICTS, verdictLabel, type HealthRowView } from './healthFormat';
import { pageHead } from './pageHead';
import type { Translate } from './subject';

/** What the page says about the scan: running or not, how far, and a line per verdict count. */
export interface HealthStatusView {
  scanning: boolean;
  checked: number;
  found: number;
  text: string;
  summary: string;
}

export interface HealthPage {
  cspSource: string;
  nonce: string;
  styleUri: string;
  scriptUri: string;
  lang: string;
  staleAfterHours: number;
  rows: HealthRowView[];
  status: HealthStatusView;
}

function columnLabels(t: Translate): string[] {
  return [t('Verdict'), t('Product'), t('Region'), t('Resource'), t('Name'), t('Latest successful backup'), t('Age'), t('Failures (7 days)'), t('Expected cadence'), t('Retention')];
}

/** One table row; media/health.js builds the same for rows that stream in. */
export function renderHealthRow(row: HealthRowView): string {
  const e = escapeHtml;
  const cells = row.cells.map((text, i) => `<td class="col-${HEALTH_COLUMNS[i]}"${row.titles[i] ? ` title="${e(row.titles[i])}"` : ''}>${e(text)}</td>`).join('');
  const attrs = [
    `data-key="${e(row.key)}"`,
    `data-verdict="${e(row.verdict)}"`,
    `data-product="${e(row.product)}"`,
    `data-region="${e(row.region)}"`,
    `data-sort="${e(JSON.stringify(row.sort))}"`,
    `class="verdict-${e(row.verdict)}${row.revealable ? ' revealable' : ''}"`,
    ...(row.revealable ? ['tabindex="0"'] : []),
  ];
  return `<tr ${attrs.join(' ')}>${cells}</tr>`;
}

function options(values: Array<[value: string, label: string]>, all: string): string {
  return [`<option value="">${escapeHtml(all)}</option>`, ...values.map(([value, label]) => `<option value="${escapeHtml(value)}">${escapeHtml(label)}</option>`)].join('');
}

export function renderHealthHtml(page: HealthPage, t: Translate): string {
  const e = escapeHtml;
  const products = [...new Map(page.rows.map((r) => [r.product, r.productLabel])).entries()].sort((a, b) => a[1].localeCompare(b[1]));
  const regions = [...new Set(page.rows.map((r) => r.region).filter(Boolean))].sort().map((r): [string, string] => [r, r]);
  const heads = columnLabels(t)
    .map((label, i) => `<th scope="col" aria-sort="none"><button type="button" data-col="${i}" data-name="${HEALTH_COLUMNS[i]}">${e(label)}</button></th>`)
    .join('');
  const { status } = page;
  return `${pageHead({ ...page, title: t('Backup Health') })}
<body>
<header>
<h1>${e(t('Backup Health'))}</h1>
<div class="actions">
<button id="scan" type="button">${e(t('Scan Again'))}</button>
<button id="cancel" type="button" class="secondary"${status.scanning ? '' : ' disabled'}>${e(t('Cancel'))}</button>
</div>
</header>
<div class="status" role="status" aria-live="polite">
<progress id="progress" max="${Math.max(1, status.found)}" value="${status.checked}"${status.scanning ? '' : ' hidden'}></progress>
<span id="status-text">${e(status.text)}</span>
</div>
<p id="summary">${e(status.summary)}</p>
<p class="hint">${e(t('Stale: no successful backup within twice the expected cadence or {0} hours, whichever comes first (alibabaCloudBackups.health.staleAfterHours). Select a row to show the resource.', page.staleAfterHours))}</p>
<div class="filters">
<label>${e(t('Verdict'))} <select id="filter-verdict">${options(VERDICTS.map((v) => [v, verdictLabel(v, t)]), t('All'))}</select></label>
<label>${e(t('Product'))} <select id="filter-product">${options(products, t('All'))}</select></label>
<label>${e(t('Region'))} <select id="filter-region">${options(regions, t('All'))}</select></label>
</div>
<div class="table-scroll">
<table id="health" aria-label="${e(t('Backup Health'))}">
<thead><tr>${heads}</tr></thead>
<tbody id="rows">
${page.rows.map(renderHealthRow).join('\n')}
</tbody>
</table>
</div>
<script nonce="${e(page.nonce)}" src="${e(page.scriptUri)}"></script>
</body>
</html>`;
}
