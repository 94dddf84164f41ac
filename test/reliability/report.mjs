#!/usr/bin/env node
// Merges the figures the reliability and security tests wrote (test-results/reliability-*.json) into CONTRIBUTING.md's
// "## Reliability and security" section, printed as Markdown.
//
// Usage: node test/reliability/report.mjs [--check] [--out FILE]
//   --check  exit 1 when a figure shows a failure (a fault not survived, a secret hit, the in-flight limit exceeded,
//            a duplicate page request) or when the plain-Node figures are missing
//   --out    also write the section to FILE
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = path.join(root, 'test-results');
const args = process.argv.slice(2);
const checkMode = args.includes('--check');
const outIndex = args.indexOf('--out');
const outFile = outIndex >= 0 ? args[outIndex + 1] : undefined;

const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /^reliability-.*\.json$/.test(f)).sort() : [];
const sources = files.map((f) => ({ file: f, ...JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) }));

const plain = sources.filter((s) => s.source.startsWith('mocha:'));
const e2e = sources.filter((s) => s.source.startsWith('e2e:'));
const versions = [...new Set(e2e.map((s) => s.source.split('@')[1]))].sort();

const faults = sources.flatMap((s) => s.faults.map((f) => ({ ...f, source: s.source })));
const survived = faults.filter((f) => f.passed);
const injected = faults.reduce((n, f) => n + (f.injected || 0), 0);
const hostile = sources.flatMap((s) => s.hostile.map((h) => ({ ...h, source: s.source })));
const hostileInputs = new Set(hostile.map((h) => h.input));
const placeOf = (where) => where.replace(/^(adb|dds|dbs) name: /, 'resource name: ');
const hostilePlaces = new Set(hostile.map((h) => placeOf(h.where)));
const secretSources = sources.filter((s) => s.secrets && s.secrets.texts > 0);
const secretHits = secretSources.reduce((n, s) => n + s.secrets.hits, 0);
const secretTexts = secretSources.reduce((n, s) => n + s.secrets.texts, 0);
const needles = Math.max(0, ...secretSources.map((s) => s.secrets.needles));
const badInput = sources.flatMap((s) => s.badInput.map((b) => ({ ...b, source: s.source })));
const load = sources.map((s) => s.load).filter(Boolean);

let maxAttempts = '?';
try {
  maxAttempts = String(JSON.parse(/DEFAULT_RETRY = (\{[^}]*\})/.exec(fs.readFileSync(path.join(root, 'out/src/cloud/retry.js'), 'utf8'))[1].replace(/(\w+):/g, '"$1":')).maxAttempts);
} catch { /* not compiled */ }

const problems = [];
if (!plain.length) problems.push('no plain-Node figures: run `npx tsc -p . && npx mocha --config test/.mocharc.json` first');
for (const f of faults) if (!f.passed) problems.push(`fault not survived: ${f.scenario} (${f.source})`);
for (const h of hostile) if (!h.passed) problems.push(`hostile input not inert: ${h.input} in ${h.where} (${h.source})`);
for (const b of badInput) if (!b.passed) problems.push(`bad input not refused: ${b.input} (${b.source})`);
if (secretHits) problems.push(`${secretHits} secret hits`);
for (const s of e2e) if (s.secrets?.passed === false || s.steps?.some((st) => !st.ok)) problems.push(`${s.source}: a step failed`);
for (const l of load) {
  if (!l.passed) problems.push('the load test failed');
  if (l.peakInFlight > l.limit) problems.push(`peak in flight ${l.peakInFlight} > limit ${l.limit}`);
  if (l.duplicateRequests) problems.push(`${l.duplicateRequests} duplicate page requests`);
}

const date = (s) => (s.generatedAt ?? '').slice(0, 10);
const newest = sources.map(date).sort().at(-1) ?? '';
const where = (list) => [...new Set(list)].join('; ');
const lines = [];
lines.push('## Reliability and security', '');
lines.push(
  `Measured by the tests themselves (\`npm test\`): the plain-Node suites in \`test/reliability/\` and \`test/explorer/\` ` +
    `drive the real signing client, the tree's paged lists and the commands against the gateway emulator; ` +
    `\`test/e2e/security.mjs\`, \`test/e2e/faults.mjs\` and \`test/e2e/workspace.mjs\` do it in a real VS Code workbench` +
    (versions.length ? ` (${versions.join(' and ')})` : '') +
    `. Figures merged by \`node test/reliability/report.mjs\` on ${newest}.`,
  '',
);
lines.push('| | |', '| --- | --- |');
lines.push(
  `| Faults injected and survived | **${survived.length} of ${faults.length}** scenarios (${injected} failed or refused requests): throttling once and beyond the retry budget, 503, 500, an HTML 502 page, a 200 with truncated JSON, a reset and a hung connection, an endless body and a 1 GiB Content-Length (cut at 16 MiB, not retried), 10,000 items for PageSize 30 (30 taken), a stopped endpoint, a wrong secret, an unknown or inactive AccessKey ID, a wrong, missing or expired STS token, a key without permission, parameter errors, one region or one product failing. Retryable faults are retried with exponential backoff up to the budget (${maxAttempts} attempts in the product) and recover; auth, permission and parameter errors are sent once; otherwise one error row with the API code and RequestId, the rest of the tree usable, and a click that recovers once the fault clears. No crash, no spinner left running. |`,
);
lines.push(
  `| Hostile inputs tried | **${hostileInputs.size}** strings (markup, \`</script>\`, \`<img onerror>\`, quotes, backticks, \`\${…}\`, Markdown and command links, entities, right-to-left marks, emoji, 20 000 characters, control characters) in **${hostilePlaces.size}** places: ${where([...hostilePlaces])}. All shown literally; \`window.__pwned\` stayed undefined, no element was injected, no message was posted. |`,
);
lines.push(
  `| Secret hits | **${secretHits}** — the secret, the STS token and every download-URL \`Signature=\` value served (${needles} needles) searched in ${secretTexts} files and texts: ${where(secretSources.flatMap((s) => s.secrets.where))}. |`,
);
lines.push(
  `| Bad input | **${badInput.filter((b) => b.passed).length}** bad values refused where they were typed, nothing stored or sent: Set Access Key… (empty, padded, too long, non-ASCII), endpointOverrides that are not https base URLs (plain http only to loopback), unknown regions, page sizes outside 30/50/100, timeouts and concurrency outside their ranges (clamped), time ranges in the wrong format or ending before they start; a folder's .vscode/settings.json that points every endpoint elsewhere and turns the ECS lookup on (ignored: 0 requests reached its host), and a failing aliyun CLI profile (named with its reason, nothing else tried). |`,
);
for (const l of load) {
  const verdict = l.passed && l.peakInFlight <= l.limit && !l.duplicateRequests ? '' : ' **— over the limit: failing, see the test output**';
  lines.push(
    `| Peak in flight | **${l.peakInFlight}** with maxConcurrentRequests **${l.limit}** (read from the emulator, ${l.latencyMs} ms latency): ${l.scenario}; ${l.requests} requests${l.duplicateRequests === undefined ? '' : `, **${l.duplicateRequests}** duplicate page requests`}, the final tree equal to the data.${verdict} |`,
  );
}
lines.push('');
lines.push('| Source | Faults survived | Hostile checks | Secret places searched (hits) | Bad inputs | Date |', '| --- | --- | --- | --- | --- | --- |');
for (const s of sources) {
  lines.push(
    `| ${s.source} | ${s.faults.filter((f) => f.passed).length}/${s.faults.length} | ${s.hostile.length} | ${s.secrets?.texts ? `${s.secrets.texts} (${s.secrets.hits})` : '–'} | ${s.badInput.length} | ${date(s)} |`,
  );
}
const markdown = lines.join('\n') + '\n';
process.stdout.write(markdown);
if (outFile) fs.writeFileSync(outFile, markdown);
if (problems.length) {
  console.error(`\nreliability report: ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  if (checkMode) process.exit(1);
}
