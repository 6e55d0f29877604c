// qmcookie's page. No build step, nothing inline: the CSP allows this file only.
const $ = (id) => document.getElementById(id);
const enc = encodeURIComponent;
const HOUR = 3600000;
const local = (t) => new Date(t).toLocaleString();
const fill = (node, ...parts) => (node.replaceChildren(...parts.filter(Boolean)), node);

function el(tag, cls, text, ns) {
  const e = ns ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
  if (cls) e.setAttribute('class', cls);
  if (text != null) e.textContent = text;
  return e;
}

function svg(tag, attrs, text) {
  const e = el(tag, attrs.class, text, 1);
  for (const k in attrs) e.setAttribute(k, attrs[k]);
  return e;
}

const quiet = (text) => el('span', 'quiet', text);
const line = (cls, ...parts) => fill(el('div', cls), ...parts);

// Times count from the daemon's clock, which decides what is due.
let skew = 0;

function span(ms) {
  const m = Math.floor(Math.abs(ms) / 60000);
  const h = Math.floor(m / 60);
  if (m < 60) return (m || 1) + 'm';
  if (h < 48) return h + 'h' + (h < 10 && m % 60 ? ' ' + (m % 60) + 'm' : '');
  return Math.floor(h / 24) + 'd';
}

function time(iso, before = '') {
  const ms = Date.parse(iso) - Date.now() - skew;
  const t = el('time', '', before + (Math.abs(ms) < 30000 ? 'now' : ms > 0 ? 'in ' + span(ms) : span(ms) + ' ago'));
  t.title = local(iso);
  return t;
}

const csrf = () => document.querySelector('meta[name="csrf-token"]').content;

// The JSON of the wanted status; else an Error with the status and the JSON.
async function api(method, path, body, want = 200) {
  const headers = { 'X-CSRF-Token': csrf(), 'Content-Type': 'application/json' };
  const r = await fetch('/ui/api/' + path, { method, headers, body: body && JSON.stringify(body) });
  const data = await r.json().catch(() => ({}));
  if (r.status === want) return data;
  throw Object.assign(new Error(data.error || 'the daemon answered ' + r.status), { status: r.status, data });
}

function banner(...parts) {
  fill($('banner'), ...parts);
  $('banner').hidden = !parts.length;
}

let timer = 0;

// A 401: the session ended; the banner says so.
function ended(e) {
  if (e.status !== 401) return false;
  clearTimeout(timer);
  timer = -1;
  const a = el('a', '', 'Sign in again');
  a.href = '/ui/';
  banner('Your session has ended. ', a);
  return true;
}

const say = (e, what) => ended(e) || banner(what + ': ' + e.message);
const rows = new Map();

function row(name) {
  let r = rows.get(name);
  if (r) return r;
  const [tr, chart] = $('row').content.cloneNode(true).children;
  tr.id = 'account-' + name;
  const on = (cls, f) => (tr.querySelector('.' + cls).onclick = (e) => f(e.target));
  on('renew-now', (b) => queue(b, name, 'renew'));
  on('check-now', (b) => queue(b, name, 'check'));
  on('login-qq', () => startLogin(name, 'qq'));
  on('login-wechat', () => startLogin(name, 'wechat'));
  on('history-toggle', (b) => {
    chart.hidden = !chart.hidden;
    b.ariaExpanded = !chart.hidden;
    if (!chart.hidden) drawHistory(r);
  });
  rows.set(name, (r = { name, tr, chart, cells: tr.cells }));
  return r;
}

function update(r, a) {
  const [who, state, key, next, last, check] = r.cells;
  const at = a.lastAttempt;
  const c = a.lastCheck;
  const age = a.keyAge ? el('span', '', a.keyAge + ' old') : quiet('no key');
  age.title = a.keyCreatedAt ? 'made ' + local(a.keyCreatedAt) : '';
  const gone = Date.parse(a.expiresAt) <= Date.now() + skew;
  fill(who, el('strong', '', a.name), el('span', 'uin', a.uin), el('span', 'kind', { qq: 'QQ', wechat: 'WeChat' }[a.login]));
  fill(state, el('span', 'state sev-' + a.severity, a.state), line('reason', a.reason));
  fill(key, age, a.expiresAt && line('', time(a.expiresAt, gone ? 'expired ' : 'expires ')));
  fill(next, a.nextRenewal ? time(a.nextRenewal) : quiet('—'));
  fill(last, at ? time(at.at) : quiet('none'), at && line('outcome ' + (at.outcome === 'renewed' ? 'good' : 'bad'), at.outcome));
  last.title = at?.message || '';
  fill(check, c ? time(c.at) : quiet('none'), c && line('outcome', c.result + (c.code ? ' (' + c.code + ')' : '')));
  r.tr.querySelector('.login-again').hidden = !a.canLogIn;
  r.tr.className = 'sev-' + a.severity + (r.tr.id === highlighted ? ' highlight' : '');
}

async function refresh() {
  if (timer < 0) return;
  try {
    const data = await api('GET', 'accounts');
    skew = Date.parse(data.generatedAt) - Date.now() || 0;
    const seen = new Set(data.accounts.map((a) => a.name));
    for (const a of data.accounts) {
      const r = row(a.name);
      update(r, a);
      $('accounts').tBodies[0].append(r.tr, r.chart); // moves: the daemon's order, open charts kept
      if (!r.chart.hidden) drawHistory(r);
    }
    for (const [name, r] of rows) {
      if (seen.has(name)) continue;
      rows.delete(name);
      r.tr.remove();
      r.chart.remove();
    }
    $('empty').hidden = seen.size > 0;
    fill($('updated'), 'updated ', time(data.generatedAt));
    banner();
    highlight();
  } catch (e) {
    if (ended(e)) return;
    banner('No answer from the daemon (' + e.message + '); trying again.');
  }
  if (timer < 0) return;
  clearTimeout(timer); // one timer, also after an action's refresh
  timer = setTimeout(refresh, 10000);
}

// Alert links end in #account-NAME: mark that row and scroll to it, once per link.
let highlighted = '';
function highlight() {
  let id = '';
  try {
    id = decodeURIComponent(location.hash.slice(1));
  } catch {} // a mangled link
  const tr = id !== highlighted && document.getElementById(id);
  if (tr?.tagName !== 'TR') return;
  document.querySelector('tr.highlight')?.classList.remove('highlight');
  tr.classList.add('highlight');
  tr.scrollIntoView({ block: 'center' });
  highlighted = id;
}

async function queue(button, name, what) {
  button.disabled = true;
  try {
    await api('POST', 'accounts/' + enc(name) + '/' + what, null, 202);
  } catch (e) {
    say(e, what + ' ' + name);
  }
  button.disabled = false;
  refresh();
}

async function drawHistory(r) {
  try {
    fill(r.chart.cells[0], chart(await api('GET', 'accounts/' + enc(r.name) + '/history'), r.name));
  } catch (e) {
    if (!ended(e)) fill(r.chart.cells[0], quiet('No history: ' + e.message));
  }
}

// Key age in hours: it grows with time and drops to 0 whenever a new key came.
function chart(h, name) {
  const from = Date.parse(h.from);
  const to = Date.parse(h.to);
  const [W, H, L, R, T, B] = [360, 150, 30, 8, 8, 22];
  const tries = h.attempts.map((a) => ({ ...a, t: Date.parse(a.at) }));
  // A new key comes with each renewal and with the current key (a QR login, an import).
  const resets = tries.filter((a) => a.outcome === 'renewed').map((a) => a.t);
  const made = Date.parse(h.keyCreatedAt);
  if (made >= from && !resets.includes(made)) resets.push(made);
  resets.sort((a, b) => a - b);
  // Before the first new key, the age is known only if no key came since.
  const base = resets.length ? NaN : made;
  const age = (t) => (t - resets.reduce((b, k) => (k <= t ? k : b), base)) / HOUR;
  const start = isNaN(base) ? resets[0] : from;
  const points = [];
  if (start !== undefined) {
    points.push([start, age(start)]);
    for (const k of resets) if (k > start) points.push([k, age(k - 1)], [k, 0]);
    points.push([to, age(to)]);
  }
  const top = Math.max(24, Math.ceil(Math.max(0, ...points.map((p) => p[1])) / 12) * 12);
  const x = (t) => (L + ((t - from) / (to - from)) * (W - L - R)).toFixed(1);
  const y = (hours) => (T + (1 - Math.min(hours, top) / top) * (H - T - B)).toFixed(1);
  const s = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img' });
  s.append(svg('title', {}, 'Key age of ' + name + ', 7 days'));
  let grid = '';
  for (const v of [0, top / 2, top]) {
    grid += `M${L} ${y(v)}H${W - R}`;
    s.append(svg('text', { x: L - 4, y: +y(v) + 3, class: 'end' }, v + 'h'));
  }
  const day = new Date(from);
  day.setHours(24, 0, 0, 0);
  for (let d = +day; d < to; d += 24 * HOUR) {
    grid += `M${x(d)} ${T}V${H - B}`;
    s.append(svg('text', { x: x(d), y: H - 8 }, new Date(d).toLocaleDateString([], { weekday: 'short' })));
  }
  s.prepend(svg('path', { d: grid, class: 'grid' }));
  s.append(svg('path', { d: points.map((p, i) => (i ? 'L' : 'M') + x(p[0]) + ' ' + y(p[1])).join(''), class: 'age' }));
  for (const a of tries) {
    const good = a.outcome === 'renewed';
    const dot = { cx: x(a.t), cy: y(good ? 0 : age(a.t) || 0), r: good ? 2 : 3.5, class: good ? 'renewed' : 'failed' };
    s.appendChild(svg('circle', dot)).append(svg('title', {}, local(a.t) + ': ' + a.outcome + ' (' + a.via + ')'));
  }
  return s;
}

const WORDS = {
  waiting: 'scan the code with the {app} app',
  scanned: 'scanned: confirm on your phone',
  expired: 'the code expired; a new one is shown',
  refused: 'the login was refused',
  timeout: 'not scanned in time; start again',
  failed: 'the login failed',
  done: 'logged in; the account is fresh',
};
const OVER = ['refused', 'timeout', 'failed', 'done'];
let flow = null;

async function startLogin(name, kind) {
  try {
    follow((await api('POST', 'accounts/' + enc(name) + '/login', { kind }, 201)).flow, name, kind);
  } catch (e) {
    // 409: one runs already (say, from before a reload): follow it.
    if (e.status === 409 && e.data.flow) follow(e.data.flow, name, kind);
    else say(e, 'log in ' + name);
  }
}

function follow(id, name, kind) {
  closeLogin();
  flow = { id, app: kind === 'wechat' ? 'WeChat' : 'QQ', version: 0 };
  $('login-title').textContent = 'Log in ' + name + ' with ' + flow.app;
  $('qr-image').hidden = true;
  show('starting');
  $('login-panel').hidden = false;
  $('login-panel').scrollIntoView({ block: 'nearest' });
  poll(flow);
}

function show(state, message) {
  const p = $('login-state');
  const why = message && (state === 'failed' || state === 'refused') ? ': ' + message : '';
  p.dataset.state = state;
  p.textContent = (WORDS[state] || state).replace('{app}', flow.app) + why;
  p.className = state === 'done' ? 'good' : OVER.includes(state) ? 'bad' : '';
}

async function poll(f) {
  let v;
  try {
    v = await api('GET', 'logins/' + enc(f.id));
  } catch (e) {
    if (flow !== f || ended(e)) return;
    if (e.status) return show('failed', e.message);
    // A blip: the login goes on in the daemon.
    return (f.timer = setTimeout(() => poll(f), 2000));
  }
  if (flow !== f) return;
  show(v.state, v.message);
  const img = $('qr-image');
  if (v.qrVersion !== f.version) {
    f.version = v.qrVersion;
    img.src = '/ui/api/logins/' + enc(f.id) + '/qr?v=' + v.qrVersion; // a new code, a new URL
  }
  const over = OVER.includes(v.state);
  img.hidden = !v.qrVersion || over;
  if (!over) return (f.timer = setTimeout(() => poll(f), 1000));
  refresh();
  if (v.state === 'done') f.timer = setTimeout(closeLogin, 3000);
}

// Stops watching only: the login goes on in the daemon.
function closeLogin() {
  if (flow) clearTimeout(flow.timer);
  flow = null;
  $('login-panel').hidden = true;
}

// By fetch: a form sends no CSRF header, and a 429 would leave the page.
const post = (what, init) => fetch('/ui/' + what, { method: 'POST', ...init }).catch((e) => e);

// Keeps an alert link's #account-NAME; "/ui/?", as /ui/#x to /ui/#x would not load.
const load = (url) => location.assign(location.hash ? url.replace(/\/ui\/$/, '/ui/?') + location.hash : url);

async function signinPage() {
  const note = $('signin-failed');
  note.hidden = !location.search.includes('failed');
  document.forms[0].onsubmit = async (e) => {
    e.preventDefault();
    const r = await post('signin', { body: new URLSearchParams(new FormData(e.target)) });
    if (r.redirected) return load(r.url); // the page, or ?failed=1
    const wait = r.headers?.get('Retry-After');
    note.textContent = wait ? 'Too many tries: wait ' + wait + ' s.' : 'No answer: ' + (r.message || r.status);
    note.hidden = false;
  };
  // SameSite=Strict: a link from webmail came without the cookie; our own requests send it.
  if ((await fetch('/ui/api/accounts').catch((e) => e)).status === 200) load(location.href.split('#')[0]);
}

function appPage() {
  $('signout').onsubmit = async (e) => {
    e.preventDefault();
    await post('signout', { headers: { 'X-CSRF-Token': csrf() } });
    location.assign('/ui/');
  };
  $('add-account').onsubmit = (e) => {
    e.preventDefault();
    startLogin($('new-name').value.trim(), e.submitter.value);
  };
  $('login-close').onclick = closeLogin;
  $('qr-image').onerror = (e) => (e.target.hidden = true);
  onhashchange = () => highlight((highlighted = ''));
  refresh();
}

if ($('accounts')) appPage();
else signinPage();
