// The aitracing viewer page: plain DOM, no framework, nothing loaded from the network.
// The list is paginated by the server; the waterfall renders only the rows in view.

const ROW_HEIGHT = 24;
const PAGE_SIZE = 100;
const OVERSCAN = 20;

const state = {
  offset: 0,
  version: -1,
  trace: undefined,
  rows: [],
  collapsed: new Set(),
  selected: undefined,
};
const $ = (selector) => document.querySelector(selector);

/** Create an element: h('td', { className: 'num' }, 'text', child). */
function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'dataset') Object.assign(element.dataset, value);
    else if (key === 'style') Object.assign(element.style, value);
    else element[key] = value;
  }
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

function formatDuration(ms) {
  if (!Number.isFinite(ms)) return '';
  if (ms < 1) return `${ms.toFixed(2)}ms`;
  if (ms < 1000) return `${ms.toFixed(ms < 10 ? 1 : 0)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)}s`;
  return `${Math.floor(ms / 60_000)}m${Math.round((ms % 60_000) / 1000)}s`;
}

function formatCost(cost, currency) {
  if (!cost) return '';
  const symbol = !currency || currency.toUpperCase() === 'USD' ? '$' : `${currency} `;
  return `${symbol}${cost < 0.01 ? cost.toFixed(6) : cost.toFixed(4)}`;
}

const formatCount = (count) => (count ? count.toLocaleString('en-US') : '');
const formatTime = (ms) => new Date(ms).toLocaleString();

async function getJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}

// ---- list -----------------------------------------------------------------

function listQuery() {
  const params = new URLSearchParams({ offset: String(state.offset), limit: String(PAGE_SIZE) });
  const search = $('#search').value.trim();
  if (search) params.set('q', search);
  if ($('#errors-only').checked) params.set('errors', '1');
  if ($('#model').value) params.set('model', $('#model').value);
  if ($('#min-cost').value) params.set('minCost', $('#min-cost').value);
  if ($('#min-duration').value) params.set('minDurationMs', $('#min-duration').value);
  return params;
}

async function loadList() {
  const page = await getJson(`/api/traces?${listQuery()}`);
  const select = $('#model');
  const chosen = select.value;
  select.replaceChildren(
    h('option', { value: '' }, 'All models'),
    ...page.models.map((model) => h('option', { value: model }, model)),
  );
  select.value = chosen;
  const rows = page.traces.map((trace) =>
    h(
      'tr',
      {
        className: `trace-row status-row-${trace.status}`,
        dataset: { traceId: trace.traceId },
        onclick: () => openTrace(trace.traceId),
      },
      h(
        'td',
        { className: `status-${trace.status}`, title: trace.status },
        trace.status === 'error' ? '✗' : trace.status === 'ok' ? '✓' : '…',
      ),
      h('td', { className: 'trace-name', title: trace.traceId }, trace.name),
      h('td', {}, formatTime(trace.startTime)),
      h('td', { className: 'num' }, formatDuration(trace.durationMs)),
      h('td', { className: 'num' }, formatCount(trace.spanCount)),
      h('td', { className: 'num' }, formatCount(trace.tokens)),
      h('td', { className: 'num' }, formatCost(trace.cost, trace.currency)),
      h('td', {}, [trace.userId, trace.sessionId].filter(Boolean).join(' / ')),
      h('td', {}, trace.models.join(', ')),
    ),
  );
  $('#trace-list tbody').replaceChildren(...rows);
  const filtered = page.total === page.traceCount ? '' : ` of ${page.traceCount.toLocaleString('en-US')}`;
  $('#list-meta').textContent =
    page.traceCount === 0
      ? `No traces yet in ${page.directory}. Add FileExporter to your app, or run \`pnpm demo\`.`
      : `${page.total.toLocaleString('en-US')} traces${filtered} · ${page.directory}`;
  $('#page').textContent =
    page.total === 0 ? '' : `${state.offset + 1}–${Math.min(page.total, state.offset + PAGE_SIZE)}`;
  $('#previous').disabled = state.offset === 0;
  $('#next').disabled = state.offset + PAGE_SIZE >= page.total;
}

function openTrace(traceId) {
  location.hash = `#/trace/${encodeURIComponent(traceId)}`;
}

// ---- waterfall ------------------------------------------------------------

/** Depth-first rows of the span tree, children by start time; orphans (parent not written) at the top level. */
function buildRows(spans) {
  const byId = new Map(spans.map((span) => [span.id, { span, children: [] }]));
  const roots = [];
  for (const node of byId.values()) {
    const parent = node.span.parentSpanId === undefined ? undefined : byId.get(node.span.parentSpanId);
    (parent ? parent.children : roots).push(node);
  }
  const byStart = (a, b) => a.span.startTime - b.span.startTime;
  const rows = [];
  const stack = roots
    .sort(byStart)
    .reverse()
    .map((node) => ({ node, depth: 0 }));
  while (stack.length > 0) {
    const { node, depth } = stack.pop();
    rows.push({ span: node.span, depth, childCount: node.children.length });
    if (state.collapsed.has(node.span.id)) continue;
    node.children.sort(byStart);
    for (let i = node.children.length - 1; i >= 0; i--)
      stack.push({ node: node.children[i], depth: depth + 1 });
  }
  return rows;
}

const isFailed = (span) =>
  span.errorInfo !== undefined || span.attributes?.success === false || span.attributes?.status === 'failed';

function ttftOf(span) {
  const first = span.attributes?.completionStartTime;
  return typeof first === 'number' && first >= span.startTime ? first - span.startTime : undefined;
}

function renderAxis(total) {
  $('#axis').replaceChildren(
    ...[0, 0.25, 0.5, 0.75, 1].map((fraction) =>
      h('span', { style: { left: `${fraction * 100}%` } }, formatDuration(total * fraction)),
    ),
  );
}

function renderWindow() {
  const trace = state.trace;
  if (!trace) return;
  const scroll = $('#waterfall-scroll');
  const first = Math.max(0, Math.floor(scroll.scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(
    state.rows.length,
    Math.ceil((scroll.scrollTop + scroll.clientHeight) / ROW_HEIGHT) + OVERSCAN,
  );
  const { start, total } = trace.timing;
  const children = [];
  for (let index = first; index < last; index++) {
    const { span, depth, childCount } = state.rows[index];
    const failed = isFailed(span);
    const end = span.endTime ?? span.startTime;
    const left = ((span.startTime - start) / total) * 100;
    const width = Math.max(((end - span.startTime) / total) * 100, 0.2);
    const ttft = ttftOf(span);
    const bar = h('div', {
      className: `bar bar-${span.type}${failed ? ' failed' : ''}`,
      style: { left: `${left}%`, width: `${width}%` },
    });
    if (ttft !== undefined && end > span.startTime) {
      bar.append(
        h('div', {
          className: 'ttft',
          title: `time to first token ${formatDuration(ttft)}`,
          style: { width: `${(ttft / (end - span.startTime)) * 100}%` },
        }),
      );
    }
    const caret = childCount === 0 ? '' : state.collapsed.has(span.id) ? '▸' : '▾';
    const label = h(
      'div',
      { className: 'span-label', style: { paddingLeft: `${4 + depth * 14}px` } },
      h(
        'span',
        {
          className: 'caret',
          onclick: (event) => {
            event.stopPropagation();
            toggle(span.id);
          },
        },
        caret,
      ),
      h('span', { className: `type type-${span.type}` }, span.type.replace(/_/g, ' ')),
      h('span', { className: 'span-name' }, span.name),
      failed
        ? h('span', { className: 'fail-mark', title: span.errorInfo?.message ?? 'failed' }, '✗ failed')
        : undefined,
    );
    const text = `${formatDuration(end - span.startTime)}${ttft === undefined ? '' : ` · TTFT ${formatDuration(ttft)}`}`;
    // Duration text inside a wide bar, else after the bar, else (near the right edge) before it.
    const textPlace =
      width > 25
        ? { className: 'bar-text inside', style: { right: `calc(${100 - left - width}% + 4px)` } }
        : left + width <= 80
          ? { className: 'bar-text', style: { left: `calc(${left + width}% + 4px)` } }
          : { className: 'bar-text', style: { right: `calc(${100 - left}% + 4px)` } };
    const timeline = h('div', { className: 'span-timeline' }, bar, h('span', textPlace, text));
    children.push(
      h(
        'div',
        {
          className: `span-row${failed ? ' failed' : ''}${state.selected === span.id ? ' selected' : ''}`,
          dataset: { spanId: span.id, spanName: span.name },
          style: { top: `${index * ROW_HEIGHT}px` },
          onclick: () => selectSpan(span.id),
        },
        label,
        timeline,
      ),
    );
  }
  $('#waterfall-canvas').replaceChildren(...children);
}

function toggle(spanId) {
  if (state.collapsed.has(spanId)) state.collapsed.delete(spanId);
  else state.collapsed.add(spanId);
  state.rows = buildRows(state.trace.spans);
  $('#waterfall-canvas').style.height = `${state.rows.length * ROW_HEIGHT}px`;
  renderWindow();
}

async function loadTrace(traceId, keepScroll = false) {
  const trace = await getJson(`/api/traces/${encodeURIComponent(traceId)}`);
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const span of trace.spans) {
    start = Math.min(start, span.startTime);
    end = Math.max(end, span.endTime ?? span.startTime);
  }
  trace.timing = { start, total: Math.max(end - start, 0.001) };
  if (state.trace?.summary.traceId !== traceId) {
    state.collapsed = new Set();
    state.selected = undefined;
  }
  state.trace = trace;
  state.rows = buildRows(trace.spans);
  const { summary } = trace;
  const header = [
    h('a', { href: '#/' }, '← Traces'),
    h('h1', { className: summary.status === 'error' ? 'status-error' : '' }, summary.name),
    h('span', { className: 'fact' }, formatDuration(summary.durationMs)),
    h('span', { className: 'fact' }, `${formatCount(summary.spanCount)} spans`),
    summary.tokens ? h('span', { className: 'fact' }, `${formatCount(summary.tokens)} tokens`) : undefined,
    summary.cost ? h('span', { className: 'fact' }, formatCost(summary.cost, summary.currency)) : undefined,
    summary.errorCount
      ? h('span', { className: 'fact status-error' }, `${summary.errorCount} failed`)
      : undefined,
    summary.userId ? h('span', { className: 'fact' }, `user ${summary.userId}`) : undefined,
    summary.sessionId ? h('span', { className: 'fact' }, `session ${summary.sessionId}`) : undefined,
    h('span', { className: 'fact' }, formatTime(summary.startTime)),
  ];
  $('#trace-header').replaceChildren(...header.filter(Boolean));
  renderAxis(trace.timing.total);
  $('#waterfall-canvas').style.height = `${state.rows.length * ROW_HEIGHT}px`;
  if (!keepScroll) $('#waterfall-scroll').scrollTop = 0;
  renderWindow();
  if (state.selected === undefined) {
    $('#details').replaceChildren(
      h('p', { className: 'hint' }, 'Click a span to see its input, output and attributes.'),
    );
  }
}

// ---- details --------------------------------------------------------------

function jsonView(value, depth = 0, key) {
  const keyNode = key === undefined ? undefined : h('span', { className: 'key' }, `${key}: `);
  if (value === null || typeof value !== 'object') {
    const kind = typeof value === 'string' ? 'string' : typeof value === 'number' ? 'number' : 'literal';
    return h(
      'div',
      {},
      keyNode,
      h('span', { className: kind }, typeof value === 'string' ? JSON.stringify(value) : String(value)),
    );
  }
  const entries = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
  const label = Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`;
  return h(
    'details',
    { open: depth < 1 },
    h('summary', {}, keyNode, label),
    ...entries.map(([childKey, child]) => jsonView(child, depth + 1, childKey)),
  );
}

const json = (value) => h('div', { className: 'json' }, jsonView(value));

function messageText(content) {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part) =>
        typeof part === 'string' ? part : typeof part?.text === 'string' ? part.text : JSON.stringify(part),
      )
      .join('\n');
  }
  return JSON.stringify(content, null, 2);
}

const isMessage = (value) => typeof value === 'object' && value !== null && typeof value.role === 'string';

/** Messages as a chat; a plain string as one block; anything else as folded JSON. */
function contentView(value, fallbackRole) {
  const messages =
    Array.isArray(value) && value.length > 0 && value.every(isMessage)
      ? value
      : isMessage(value)
        ? [value]
        : undefined;
  if (messages) {
    return h(
      'div',
      { className: 'chat' },
      ...messages.map((message) =>
        h(
          'div',
          { className: `message role-${message.role}` },
          h('span', { className: 'role' }, message.role),
          messageText(message.content ?? message.tool_calls ?? ''),
        ),
      ),
    );
  }
  if (typeof value === 'string')
    return h(
      'div',
      { className: 'chat' },
      h(
        'div',
        { className: `message role-${fallbackRole}` },
        h('span', { className: 'role' }, fallbackRole),
        value,
      ),
    );
  return json(value);
}

function facts(pairs) {
  return h(
    'dl',
    {},
    ...pairs
      .filter(([, value]) => value !== undefined && value !== '')
      .flatMap(([name, value]) => [h('dt', {}, name), h('dd', {}, value)]),
  );
}

function selectSpan(spanId) {
  state.selected = spanId;
  renderWindow();
  const span = state.trace.spans.find((candidate) => candidate.id === spanId);
  if (!span) return;
  const attributes = { ...(span.attributes ?? {}) };
  const { usage, cost } = attributes;
  delete attributes.usage;
  delete attributes.cost;
  const ttft = ttftOf(span);
  const end = span.endTime ?? span.startTime;
  const sections = [
    h('h2', { className: isFailed(span) ? 'status-error' : '' }, span.name),
    facts([
      ['Type', span.type],
      ['Service', span.service],
      ['Starts at', `+${formatDuration(span.startTime - state.trace.timing.start)}`],
      ['Duration', formatDuration(end - span.startTime)],
      ['Time to first token', ttft === undefined ? undefined : formatDuration(ttft)],
      ['Model', attributes.model],
      ['Span id', span.id],
      ['Trace id', span.traceId],
      ['Streamed chunks', span.events?.length || attributes.chunkCount],
    ]),
  ];
  if (span.errorInfo) {
    sections.push(
      h('h3', {}, 'Error'),
      h(
        'div',
        { className: 'error-box' },
        h('strong', {}, `${span.errorInfo.name ?? 'Error'}: `),
        span.errorInfo.message,
        span.errorInfo.details ? json(span.errorInfo.details) : undefined,
        span.errorInfo.stack ? h('pre', {}, span.errorInfo.stack) : undefined,
      ),
    );
  }
  if (usage)
    sections.push(
      h('h3', {}, 'Usage'),
      facts(Object.entries(usage).map(([name, value]) => [name, formatCount(value) || '0'])),
    );
  if (cost)
    sections.push(
      h('h3', {}, 'Cost'),
      facts([
        ['Input', formatCost(cost.input, cost.currency)],
        ['Output', formatCost(cost.output, cost.currency)],
        ['Total', formatCost(cost.total, cost.currency)],
      ]),
    );
  if (span.input !== undefined) sections.push(h('h3', {}, 'Input'), contentView(span.input, 'user'));
  if (span.output !== undefined) sections.push(h('h3', {}, 'Output'), contentView(span.output, 'assistant'));
  if (Object.keys(attributes).length > 0) sections.push(h('h3', {}, 'Attributes'), json(attributes));
  if (span.metadata && Object.keys(span.metadata).length > 0)
    sections.push(h('h3', {}, 'Metadata'), json(span.metadata));
  $('#details').replaceChildren(...sections.filter(Boolean));
}

// ---- routing and live updates ----------------------------------------------

async function route() {
  const match = /^#\/trace\/(.+)$/.exec(location.hash);
  $('#list-view').hidden = match !== null;
  $('#trace-view').hidden = match === null;
  $('#filters').hidden = match !== null;
  if (match) await loadTrace(decodeURIComponent(match[1]));
  else {
    state.trace = undefined;
    await loadList();
  }
}

let pending;
function reloadList() {
  clearTimeout(pending);
  pending = setTimeout(() => {
    state.offset = 0;
    void loadList();
  }, 150);
}

for (const id of ['#search', '#min-cost', '#min-duration']) $(id).addEventListener('input', reloadList);
for (const id of ['#errors-only', '#model']) $(id).addEventListener('change', reloadList);
$('#previous').addEventListener('click', () => {
  state.offset = Math.max(0, state.offset - PAGE_SIZE);
  void loadList();
});
$('#next').addEventListener('click', () => {
  state.offset += PAGE_SIZE;
  void loadList();
});
$('#waterfall-scroll').addEventListener('scroll', () => requestAnimationFrame(renderWindow), {
  passive: true,
});
window.addEventListener('resize', () => requestAnimationFrame(renderWindow));
window.addEventListener('hashchange', () => void route());

const events = new EventSource('/api/events');
events.onopen = () => $('#live').classList.add('on');
events.onerror = () => $('#live').classList.remove('on');
events.onmessage = (event) => {
  const version = Number(event.data);
  if (version === state.version) return;
  const first = state.version === -1;
  state.version = version;
  if (first) return;
  if (state.trace) void loadTrace(state.trace.summary.traceId, true);
  else void loadList();
};

void route();
