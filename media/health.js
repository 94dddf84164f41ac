// Backup Health panel: sorts and filters the table, adds the rows the scan streams in, and asks the extension to
// scan, cancel or show a resource. Every message is checked before use; text only ever goes in through textContent.
(function () {
  /* global acquireVsCodeApi */
  const vscode = acquireVsCodeApi();
  // The columns of HEALTH_COLUMNS (src/webview/healthFormat.ts), in order.
  const COLUMNS = ['verdict', 'product', 'region', 'resource', 'name', 'latest', 'age', 'failures', 'cadence', 'retention'];
  const VERDICTS = ['failing', 'stale', 'none', 'unknown', 'ok'];
  const tbody = document.getElementById('rows');
  const selects = { verdict: document.getElementById('filter-verdict'), product: document.getElementById('filter-product'), region: document.getElementById('filter-region') };
  const saved = vscode.getState();
  const state = {
    col: saved && Number.isInteger(saved.col) && saved.col >= 0 && saved.col < COLUMNS.length ? saved.col : 0,
    dir: saved && saved.dir === -1 ? -1 : 1,
    filters: { verdict: '', product: '', region: '' },
  };
  // A saved filter holds only if the page still offers its value.
  for (const name of Object.keys(selects)) {
    selects[name].value = saved && saved.filters && typeof saved.filters[name] === 'string' ? saved.filters[name] : '';
    state.filters[name] = selects[name].value;
  }

  const isText = (v) => typeof v === 'string' && v.length <= 100000;
  const isKey = (v) => (typeof v === 'number' && Number.isFinite(v)) || isText(v);
  const isList = (v, ok) => Array.isArray(v) && v.length === COLUMNS.length && v.every(ok);
  function isRow(r) {
    return typeof r === 'object' && r !== null && isText(r.key) && VERDICTS.includes(r.verdict) && isText(r.product) && isText(r.productLabel) &&
      isText(r.region) && typeof r.revealable === 'boolean' && isList(r.cells, isText) && isList(r.titles, isText) && isList(r.sort, isKey);
  }
  function isStatus(s) {
    return typeof s === 'object' && s !== null && typeof s.scanning === 'boolean' && Number.isInteger(s.checked) && Number.isInteger(s.found) && isText(s.text) && isText(s.summary);
  }

  function ensureOption(select, value, label) {
    if (!value || [...select.options].some((o) => o.value === value)) return;
    const option = document.createElement('option');
    option.value = value;
    option.textContent = label;
    select.append(option);
  }

  function rowElement(r) {
    const tr = document.createElement('tr');
    tr.dataset.key = r.key;
    tr.dataset.verdict = r.verdict;
    tr.dataset.product = r.product;
    tr.dataset.region = r.region;
    tr.dataset.sort = JSON.stringify(r.sort);
    tr.className = `verdict-${r.verdict}${r.revealable ? ' revealable' : ''}`;
    if (r.revealable) tr.tabIndex = 0;
    r.cells.forEach((text, i) => {
      const td = document.createElement('td');
      td.className = `col-${COLUMNS[i]}`;
      td.textContent = text;
      if (r.titles[i]) td.title = r.titles[i];
      tr.append(td);
    });
    return tr;
  }

  const sortKeys = (tr) => {
    try {
      const keys = JSON.parse(tr.dataset.sort || '[]');
      return Array.isArray(keys) ? keys : [];
    } catch {
      return [];
    }
  };

  function compare(a, b) {
    const x = sortKeys(a)[state.col];
    const y = sortKeys(b)[state.col];
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x ?? '').localeCompare(String(y ?? ''));
    return order * state.dir || String(a.dataset.key).localeCompare(String(b.dataset.key));
  }

  function arrange() {
    const rows = [...tbody.rows].sort(compare);
    tbody.append(...rows);
    for (const tr of rows) {
      tr.hidden = Object.entries(state.filters).some(([name, value]) => value !== '' && tr.dataset[name] !== value);
    }
    document.querySelectorAll('th[aria-sort]').forEach((th, i) => {
      th.setAttribute('aria-sort', i === state.col ? (state.dir === 1 ? 'ascending' : 'descending') : 'none');
    });
    vscode.setState(state);
  }

  function addRows(rows) {
    const byKey = new Map([...tbody.rows].map((tr) => [tr.dataset.key, tr]));
    for (const r of rows) {
      const tr = rowElement(r);
      const old = byKey.get(r.key);
      if (old) old.replaceWith(tr);
      else tbody.append(tr);
      ensureOption(selects.product, r.product, r.productLabel);
      ensureOption(selects.region, r.region, r.region);
    }
    arrange();
  }

  function showStatus(s) {
    const progress = document.getElementById('progress');
    progress.hidden = !s.scanning;
    progress.max = Math.max(1, s.found);
    progress.value = Math.min(s.checked, progress.max);
    document.getElementById('status-text').textContent = s.text;
    document.getElementById('summary').textContent = s.summary;
    document.getElementById('cancel').disabled = !s.scanning;
  }

  window.addEventListener('message', (event) => {
    const m = event.data;
    if (typeof m !== 'object' || m === null) return;
    if (m.type === 'reset') tbody.replaceChildren();
    else if (m.type === 'rows' && Array.isArray(m.rows) && m.rows.every(isRow)) addRows(m.rows);
    else if (m.type === 'status' && isStatus(m.status)) showStatus(m.status);
  });

  document.getElementById('scan').addEventListener('click', () => vscode.postMessage({ type: 'scan' }));
  document.getElementById('cancel').addEventListener('click', () => vscode.postMessage({ type: 'cancel' }));
  document.querySelectorAll('th button[data-col]').forEach((button) => {
    button.addEventListener('click', () => {
      const col = Number(button.dataset.col);
      state.dir = col === state.col ? -state.dir : 1;
      state.col = col;
      arrange();
    });
  });
  for (const [name, select] of Object.entries(selects)) {
    select.addEventListener('change', () => {
      state.filters[name] = select.value;
      arrange();
    });
  }
  const reveal = (target) => {
    const tr = target instanceof Element ? target.closest('tr.revealable') : null;
    if (tr) vscode.postMessage({ type: 'reveal', key: tr.dataset.key });
  };
  tbody.addEventListener('click', (event) => reveal(event.target));
  tbody.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      reveal(event.target);
    }
  });
  arrange();
  // Messages posted before this listener existed are lost: the extension sends everything again once it hears this.
  vscode.postMessage({ type: 'ready' });
})();
