// certintake review UI: a keyboard-first single page over the JSON API (README: "Review server").
// No framework and no external resources; every element is built with textContent, never HTML.
'use strict';

const state = {
  user: null,          // {name, role, csrf_token}
  catalog: null,       // {version, events}
  queue: [],           // rows of the last queue listing, in queue order
  queueIndex: 0,
  filter: { decision: '', flag: '', review: '', received_from: '', received_to: '' },
  application: null,   // the open application
  piece: 0,            // index of the certificate shown
  zoom: 1,
  wholePage: false,    // show the certificate's whole page instead of its crop
  editing: null,       // field key being corrected
  screen: 'login',
};

const DECISIONS = { needs_review: '要確認', deficient: '不備', approve: '承認' };
const CATEGORIES = { jgets_meeting: '本学会', related_society: '関連学会', equipment_course: '機器講習会', unknown: '区分不明' };
const REVIEW_STATES = { pending: '未審査', in_review: '審査中', decided: '決定済' };
const FLAGS = ['copy', 'reduced_copy', 'receipt', 'name_missing', 'name_in_pencil', 'out_of_period',
  'duplicate_related_society', 'duplicate_event', 'unknown_event', 'prefecture_not_branch_issued', 'unreadable',
  'low_confidence'];
const FIELDS = [
  { key: 'kind', label: '種類', options: [['attendance', '出席証明'], ['course', '受講証明'], ['receipt', '領収書'], ['other', 'その他']] },
  { key: 'event_id', label: '行事', options: null /* from the catalog */ },
  { key: 'date', label: '開催日', input: true },
  { key: 'attendance', label: '参加形態', options: [['onsite', '現地'], ['web', 'Web'], ['unknown', '不明']] },
  { key: 'name', label: '氏名', options: [['ink', '記名あり（ペン）'], ['pencil', '鉛筆'], ['none', '記名なし']] },
  { key: 'copy', label: '原本', options: [['original', '原本'], ['copy', 'コピー'], ['reduced_copy', '縮小コピー']] },
  { key: 'branch_issued', label: '支部長発行', options: [[true, 'はい'], [false, 'いいえ']] },
];

// ---- small helpers -------------------------------------------------------------------------

function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on')) element.addEventListener(key.slice(2), value);
    else if (key === 'class') element.className = value;
    else element.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

function key(k) { return h('kbd', null, k); }

function toast(text) {
  const box = document.getElementById('toast');
  box.textContent = text;
  box.classList.add('shown');
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => box.classList.remove('shown'), 2500);
}

async function api(method, path, body) {
  const headers = {};
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    if (state.user) headers['X-CSRF-Token'] = state.user.csrf_token;
  }
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin' });
  const data = await response.json().catch(() => ({}));
  if (response.status === 401 && path !== '/api/login') {
    state.user = null;
    showLogin();
  }
  if (!response.ok) throw new Error(data.error || `HTTP ${response.status}`);
  return data;
}

function valueLabel(field, value) {
  if (value === null || value === undefined) return field.key === 'date' ? '（なし）' : '（未判定）';
  if (field.key === 'event_id') {
    const event = (state.catalog?.events || []).find((e) => e.id === value);
    return event ? event.name : value;
  }
  const option = (field.options || []).find(([v]) => v === value);
  return option ? option[1] : String(value);
}

function setKeys(...items) {
  const footer = document.getElementById('keys');
  footer.replaceChildren(...items.map(([k, text]) => h('span', null, key(k), ' ', text)));
}

function mount(...children) {
  const main = document.getElementById('main');
  main.replaceChildren(...children);
}

function renderNav() {
  const nav = document.getElementById('nav');
  const who = document.getElementById('who');
  if (!state.user) {
    nav.replaceChildren();
    who.replaceChildren();
    return;
  }
  const items = [['queue', 'キュー', 'g']];
  if (['staff', 'admin', 'auditor', 'reviewer'].includes(state.user.role)) items.push(['intake', '受付', 'i']);
  if (['auditor', 'admin', 'reviewer'].includes(state.user.role)) items.push(['audits', '監査', 'm']);
  if (state.user.role === 'admin') items.push(['users', 'ユーザー', 'u']);
  nav.replaceChildren(...items.map(([screen, label, k]) => h('button', {
    class: state.screen === screen || (screen === 'queue' && state.screen === 'application') ? 'current' : '',
    onclick: () => go(screen),
  }, label, ' ', key(k))));
  who.replaceChildren(`${state.user.name}（${state.user.role}）`, ' ',
    h('button', { onclick: logout }, 'ログアウト'));
}

function go(screen) {
  if (screen === 'queue') showQueue();
  else if (screen === 'intake') showIntake();
  else if (screen === 'users') showUsers();
  else if (screen === 'audits') showAudits();
}

// ---- sign in ---------------------------------------------------------------------------------

function showLogin(message) {
  state.screen = 'login';
  renderNav();
  const name = h('input', { name: 'name', autocomplete: 'username', placeholder: 'ユーザー名' });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', placeholder: 'パスワード' });
  const error = h('div', { class: 'error' }, message || '');
  const form = h('form', { class: 'login', onsubmit: async (event) => {
    event.preventDefault();
    try {
      state.user = await api('POST', '/api/login', { name: name.value, password: password.value });
      await start();
    } catch (failure) {
      error.textContent = failure.message;
    }
  } }, h('h1', null, 'certintake 審査'), name, password, h('button', { type: 'submit' }, 'ログイン'), error);
  mount(form);
  setKeys(['Enter', 'ログイン']);
  name.focus();
}

async function logout() {
  try { await api('POST', '/api/logout', {}); } catch (ignored) { /* signed out anyway */ }
  state.user = null;
  showLogin();
}

async function start() {
  state.catalog = await api('GET', '/api/catalog');
  if (state.user.role === 'staff') showIntake();
  else showQueue();
}

// ---- queue -----------------------------------------------------------------------------------

async function showQueue() {
  state.screen = 'queue';
  state.application = null;
  renderNav();
  const params = new URLSearchParams(Object.entries(state.filter).filter(([, v]) => v));
  let data;
  try {
    data = await api('GET', `/api/queue?${params}`);
  } catch (failure) {
    mount(h('p', { class: 'error' }, failure.message));
    return;
  }
  state.queue = data.applications;
  state.queueIndex = Math.min(state.queueIndex, Math.max(0, state.queue.length - 1));

  const select = (name, options) => h('select', { name, onchange: (event) => {
    state.filter[name] = event.target.value;
    state.queueIndex = 0;
    showQueue();
  } }, h('option', { value: '' }, 'すべて'), options.map(([v, label]) => h('option', { value: v, selected: state.filter[name] === v }, label)));
  const date = (name) => h('input', { type: 'date', name, value: state.filter[name], onchange: (event) => {
    state.filter[name] = event.target.value;
    showQueue();
  } });
  const filters = h('div', { class: 'filters' },
    h('label', null, '判定', select('decision', Object.entries(DECISIONS))),
    h('label', null, 'フラグ', select('flag', FLAGS.map((f) => [f, f]))),
    h('label', null, '審査', select('review', Object.entries(REVIEW_STATES))),
    h('label', null, '受付日から', date('received_from')),
    h('label', null, '受付日まで', date('received_to')));
  const counts = h('p', { class: 'counts' }, Object.entries(DECISIONS).map(([code, label]) =>
    h('span', null, h('span', { class: `decision ${code}` }, label), ` ${data.counts[code]} 件`)));
  const rows = state.queue.map((row, index) => h('tr', {
    class: index === state.queueIndex ? 'selected' : '', 'data-id': row.id,
    onclick: () => { state.queueIndex = index; openApplication(row.id); },
  },
  h('td', null, h('span', { class: `decision ${row.decision}` }, DECISIONS[row.decision])),
  h('td', null, row.member_id), h('td', null, row.member_name || '（会員名簿にない）'), h('td', null, row.received),
  h('td', null, row.certificates), h('td', null, row.flags.map((f) => h('span', { class: 'flag' }, f))),
  h('td', null, REVIEW_STATES[row.review_state], row.final_decision ? `（${DECISIONS[row.final_decision]}）` : '')));
  mount(h('h1', null, '審査キュー'), filters, counts,
    h('table', { id: 'queue' }, h('thead', null, h('tr', null, ['判定', '会員番号', '氏名', '受付日', '証明書', 'フラグ', '審査']
      .map((t) => h('th', null, t)))), h('tbody', null, rows)),
    state.queue.length ? null : h('p', { class: 'muted' }, '該当する申請はありません。'));
  setKeys(['j', '次'], ['k', '前'], ['Enter', '開く'], ['i', '受付'], ['?', 'キー一覧']);
  document.getElementById('main').focus();
}

function moveQueue(step) {
  if (!state.queue.length) return;
  state.queueIndex = Math.max(0, Math.min(state.queue.length - 1, state.queueIndex + step));
  document.querySelectorAll('#queue tbody tr').forEach((row, index) => {
    row.classList.toggle('selected', index === state.queueIndex);
    if (index === state.queueIndex) row.scrollIntoView({ block: 'nearest' });
  });
}

// ---- one application -------------------------------------------------------------------------

async function openApplication(id, keepPiece) {
  try {
    const application = await api('GET', `/api/applications/${id}`);
    showApplication(application, keepPiece ? state.piece : 0);
  } catch (failure) {
    toast(failure.message);
  }
}

function showApplication(application, piece) {
  state.screen = 'application';
  state.application = application;
  state.piece = Math.max(0, Math.min(piece, application.certificates.length - 1));
  state.editing = null;
  renderNav();
  renderApplication();
}

function renderApplication() {
  const a = state.application;
  const member = a.member;
  const verdict = a.verdict;
  const summary = h('section', { class: 'summary' },
    h('div', { class: 'decide-row' },
      h('strong', null, `${a.member_id} ${member ? member.name : '（会員名簿にない）'}`),
      h('span', null, `受付 ${a.received}`),
      member ? h('span', null, `資格 ${member.cert_start} 〜 ${member.cert_end}`) : null,
      member ? h('span', null, member.fees_paid ? '会費納入済' : '会費未納') : null,
      h('span', null, '判定 ', h('span', { id: 'verdict', class: `decision ${verdict.decision}` }, DECISIONS[verdict.decision])),
      a.machine && a.machine.decision !== verdict.decision ? h('span', { class: 'muted' }, `（自動判定: ${DECISIONS[a.machine.decision]}）`) : null,
      h('span', null, `学会 ${verdict.tally.jgets_meetings} 回 / 学術集会 ${verdict.tally.meeting_points} 点 / 講習 ${verdict.tally.course_points} 点`),
      h('span', { id: 'review-state' }, REVIEW_STATES[a.review.state],
        a.review.final_decision ? `: ${DECISIONS[a.review.final_decision]}（${a.review.reviewer}）` : '')),
    verdict.reasons.length ? h('ul', { id: 'reasons' }, verdict.reasons.map((r) => h('li', null, `${r.staff_ja}（${r.code}）`))) : null);

  const pieces = h('section', { class: 'pieces' }, h('ol', null, a.certificates.map((c, index) => h('li', {
    class: `${index === state.piece ? 'current' : ''} ${c.counted ? 'counted' : ''}`,
    onclick: () => { state.piece = index; state.editing = null; renderApplication(); },
  }, h('div', null, `#${index + 1} `, c.event_name || c.event_text || '（行事不明）'),
  h('div', { class: 'muted' }, `${c.values.date || '日付なし'} ・ ${c.counted ? `${c.points} 点 算入` : '算入なし'}`),
  c.flags.map((f) => h('span', { class: 'flag' }, f.code))))),
  a.certificates.length ? null : h('p', { class: 'muted' }, '証明書は見つかりませんでした。'));

  const certificate = a.certificates[state.piece];
  const viewer = h('section', { class: 'viewer', id: 'viewer' });
  const details = h('section', { class: 'details' });
  if (certificate) {
    const source = state.wholePage ? `/api/pages/${certificate.page_id}/image` : `/api/certificates/${certificate.id}/image`;
    const image = h('img', { src: source, alt: state.wholePage ? `${certificate.file} p.${certificate.page}` : `証明書 #${state.piece + 1}`, id: 'crop' });
    image.addEventListener('load', applyZoom);
    const frame = h('div', { class: 'frame' }, image);
    if (state.wholePage) frame.append(h('div', { class: 'outline', id: 'outline' }));
    viewer.append(frame);
    details.append(renderCertificate(certificate));
  }

  const decide = h('section', { class: 'decide' },
    h('div', { class: 'decide-row' },
      h('strong', null, '決定'),
      h('button', { class: 'approve', id: 'approve', onclick: () => decideApplication('approve') }, '承認 ', key('a')),
      h('button', { class: 'deficient', id: 'deficient', onclick: () => decideApplication('deficient') }, '不備 ', key('d')),
      verdict.decision === 'deficient' ? h('button', { onclick: openNotice }, '不備通知 ', key('v')) : null,
      h('span', { class: 'muted' }, `規則による判定: ${DECISIONS[verdict.decision]}`)),
    h('div', { class: 'trail', id: 'trail' }, a.trail.length ? h('ol', null, a.trail.map(trailLine)) : h('span', { class: 'muted' }, '操作履歴はまだありません。')));

  mount(h('div', { class: 'application' }, summary, pieces, viewer, details, decide));
  setKeys(['n', '次の証明書'], ['p', '前の証明書'], ['1-7', '項目を訂正'], ['c', '読取を確認'], ['a', '承認'], ['d', '不備'],
    [']', '次の申請'], ['[', '前の申請'], ['+ / -', '拡大・縮小'], ['f', state.wholePage ? '切り抜きに戻る' : 'ページ全体'], ['q', 'キューへ'], ['?', 'キー一覧']);
  if (!state.editing) document.getElementById('main').focus();
}

function trailLine(entry) {
  const what = entry.action === 'decide' ? `決定 ${DECISIONS[entry.before] || entry.before} → ${DECISIONS[entry.after] || entry.after}`
    : entry.action === 'assign_page' ? `ページ割当 ${entry.after.page} → ${entry.after.member_id}`
    : `${entry.certificate ? `#${entry.certificate.number} ` : ''}${entry.field}: ${JSON.stringify(entry.before)} → ${JSON.stringify(entry.after)}${entry.action === 'confirm_field' ? '（確認）' : ''}`;
  return h('li', null, `${entry.at} ${entry.user} ${what}`);
}

function renderCertificate(c) {
  const rows = FIELDS.map((field, index) => {
    const editing = state.editing === field.key;
    const value = c.values[field.key];
    const corrected = c.corrected.includes(field.key);
    const unsure = field.key in c.sure && !c.sure[field.key];
    let cell;
    if (editing) cell = editorFor(field, value, c);
    else cell = h('span', { class: corrected ? 'corrected' : unsure ? 'unsure' : '' }, valueLabel(field, value),
      unsure ? '（不確か）' : '', corrected ? '（訂正済）' : '');
    return h('tr', { class: editing ? 'editing' : '', 'data-field': field.key },
      h('td', null, key(String(index + 1)), ' ', field.label), h('td', null, cell),
      h('td', { class: 'muted' }, field.key === 'event_id' ? c.event_text : valueLabel(field, c.read[field.key])));
  });
  return h('div', null,
    h('h2', null, `証明書 #${state.piece + 1} / ${state.application.certificates.length}`),
    h('table', { id: 'fields' }, h('thead', null, h('tr', null, h('th', null, '項目'), h('th', null, '採用値'), h('th', null, '読取'))), h('tbody', null, rows)),
    h('p', null, c.counted ? `${c.points} 点として算入（${CATEGORIES[c.category]}）` : `算入なし（${CATEGORIES[c.category]}）`),
    c.flags.length ? h('ul', { id: 'flags' }, c.flags.map((f) => h('li', null, h('span', { class: 'flag' }, f.code), f.ja))) : null,
    c.explanation_ja ? h('p', { class: 'muted' }, c.explanation_ja) : null,
    h('h2', null, '根拠'),
    h('ul', { class: 'evidence' }, c.evidence.map((e) => h('li', { class: e.finding }, `${e.finding === 'pass' ? '○' : e.finding === 'fail' ? '×' : '？'} `, e.message_ja))),
    h('p', { class: 'muted' }, `${c.file} p.${c.page} ・ 発行者: ${c.issuer || '—'} ・ 信頼度 ${c.confidence.toFixed(2)}`));
}

function editorFor(field, value, certificate) {
  let control;
  if (field.input) {
    control = h('input', { id: 'editor', value: value || '', placeholder: 'YYYY-MM-DD / YYYY-MM / 空欄=なし' });
  } else {
    const options = field.key === 'event_id'
      ? [[null, 'カタログにない行事'], ...state.catalog.events.map((e) => [e.id, `${e.name}（${e.points} 点）`])]
      : field.options;
    control = h('select', { id: 'editor' }, options.map(([v, label]) =>
      h('option', { value: JSON.stringify(v), selected: v === value }, label)));
    if (value === null && field.key !== 'event_id') control.prepend(h('option', { value: '', selected: true }, '選択してください'));
  }
  control.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') { event.preventDefault(); saveField(field, control, certificate); }
    if (event.key === 'Escape') { event.preventDefault(); state.editing = null; renderApplication(); }
    event.stopPropagation();
  });
  setTimeout(() => control.focus(), 0);
  return h('div', { class: 'inline-form' }, control, h('button', { onclick: () => saveField(field, control, certificate) }, '保存'));
}

async function saveField(field, control, certificate) {
  let value;
  if (field.input) value = control.value.trim() === '' ? null : control.value.trim();
  else if (control.value === '') return toast('値を選んでください');
  else value = JSON.parse(control.value);
  const same = JSON.stringify(value) === JSON.stringify(certificate.values[field.key]);
  try {
    const application = same
      ? await api('POST', `/api/certificates/${certificate.id}/confirm`, { field: field.key })
      : await api('POST', `/api/certificates/${certificate.id}/correct`, { field: field.key, value });
    toast(same ? `${field.label} を確認しました` : `${field.label} を訂正しました`);
    state.editing = null;
    showApplication(application, state.piece);
  } catch (failure) {
    toast(failure.message);
  }
}

/// Confirms every field of the current certificate that the reading left unsure.
async function confirmUnsure() {
  const c = state.application.certificates[state.piece];
  if (!c) return;
  const unsure = Object.entries(c.sure).filter(([, sure]) => !sure).map(([field]) => field);
  if (!unsure.length) return toast('確認が必要な項目はありません');
  let application = state.application;
  try {
    for (const field of unsure) application = await api('POST', `/api/certificates/${c.id}/confirm`, { field });
    toast(`${unsure.length} 項目を確認しました`);
    showApplication(application, state.piece);
  } catch (failure) {
    toast(failure.message);
  }
}

async function decideApplication(decision) {
  try {
    const application = await api('POST', `/api/applications/${state.application.id}/decide`, { decision });
    toast(`${DECISIONS[decision]} と決定しました`);
    showApplication(application, state.piece);
  } catch (failure) {
    toast(failure.message);
  }
}

function openNotice() {
  if (state.application.verdict.decision !== 'deficient') return toast('不備ではないので通知はありません');
  window.open(`/api/applications/${state.application.id}/notice`, '_blank');
}

function applyZoom() {
  const image = document.getElementById('crop');
  const viewer = document.getElementById('viewer');
  if (!image || !viewer || !image.naturalWidth) return;
  const fit = Math.min(viewer.clientWidth / image.naturalWidth, viewer.clientHeight / image.naturalHeight);
  const width = Math.round(image.naturalWidth * fit * state.zoom);
  image.style.width = `${width}px`;
  const outline = document.getElementById('outline');
  if (outline) {
    const height = width * image.naturalHeight / image.naturalWidth;
    const [x0, y0, x1, y1] = uprightBox(state.application.certificates[state.piece]);
    outline.style.left = `${x0 * width}px`;
    outline.style.top = `${y0 * height}px`;
    outline.style.width = `${(x1 - x0) * width}px`;
    outline.style.height = `${(y1 - y0) * height}px`;
  }
}

/// The certificate's box on its upright page, in fractions: the box is stored as scanned.
function uprightBox(certificate) {
  const page = state.application.pages.find((p) => p.id === certificate.page_id);
  const [x0, y0, x1, y1] = certificate.bbox;
  const turn = (x, y) => ({ 90: [1 - y, x], 180: [1 - x, 1 - y], 270: [y, 1 - x] }[page?.rotation] || [x, y]);
  const [ax, ay] = turn(x0, y0);
  const [bx, by] = turn(x1, y1);
  return [Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by)];
}

function zoom(step) {
  state.zoom = step === 0 ? 1 : Math.max(0.5, Math.min(6, state.zoom * (step > 0 ? 1.25 : 0.8)));
  applyZoom();
}

function stepApplication(step) {
  if (!state.queue.length) return;
  const index = state.queue.findIndex((row) => row.id === state.application.id);
  const next = index + step;
  if (next < 0 || next >= state.queue.length) return toast(step > 0 ? '最後の申請です' : '最初の申請です');
  state.queueIndex = next;
  openApplication(state.queue[next].id);
}

function stepPiece(step) {
  const count = state.application.certificates.length;
  if (!count) return;
  state.piece = (state.piece + step + count) % count;
  state.editing = null;
  renderApplication();
}

// ---- intake (staff) ----------------------------------------------------------------------------

async function showIntake() {
  state.screen = 'intake';
  renderNav();
  let data;
  try {
    data = await api('GET', '/api/intake');
  } catch (failure) {
    mount(h('p', { class: 'error' }, failure.message));
    return;
  }
  const canAssign = ['staff', 'admin'].includes(state.user.role);
  const running = data.runs.some((run) => run.status === 'running');
  const runs = h('table', { id: 'runs' }, h('thead', null, h('tr', null, ['回', '種類', '状態', '開始', '終了', 'ファイル', 'ページ'].map((t) => h('th', null, t)))),
    h('tbody', null, data.runs.map((run) => h('tr', null, h('td', null, run.id), h('td', null, run.kind),
      h('td', null, run.status === 'running' ? '処理中…' : run.status), h('td', null, run.started_at), h('td', null, run.finished_at || ''),
      h('td', null, run.files), h('td', null, run.pages)))));
  const files = h('table', { id: 'files' }, h('thead', null, h('tr', null, ['ファイル', '形式', '受付日', 'ページ', '状態', 'エラー'].map((t) => h('th', null, t)))),
    h('tbody', null, data.files.map((file) => h('tr', null, h('td', null, file.name), h('td', null, file.format), h('td', null, file.received),
      h('td', null, file.pages), h('td', null, file.status), h('td', { class: 'error' }, file.error || '')))));
  const errors = data.errors.length ? h('ul', { id: 'errors' }, data.errors.map((e) => h('li', { class: 'error' },
    `${e.file}${e.page ? ` p.${e.page}` : ''}: ${e.message}`))) : h('p', { class: 'muted' }, '直近の取り込みに問題はありません。');
  const unassigned = data.unassigned.length ? h('table', { id: 'unassigned' }, h('thead', null, h('tr', null, ['ファイル', 'ページ', '種類', 'エラー', '割当'].map((t) => h('th', null, t)))),
    h('tbody', null, data.unassigned.map((page) => {
      const input = h('input', { placeholder: '会員番号', size: 10, 'aria-label': `${page.file} p.${page.index} の会員番号` });
      const assign = async () => {
        try {
          await api('POST', `/api/pages/${page.id}/assign`, { member_id: input.value.trim() });
          toast(`${page.file} p.${page.index} を ${input.value.trim()} に割り当てました`);
          showIntake();
        } catch (failure) { toast(failure.message); }
      };
      input.addEventListener('keydown', (event) => { if (event.key === 'Enter') assign(); event.stopPropagation(); });
      return h('tr', null, h('td', null, page.file), h('td', null, page.index), h('td', null, page.role), h('td', { class: 'error' }, page.error || ''),
        h('td', null, canAssign ? h('div', { class: 'inline-form' }, input, h('button', { onclick: assign }, '割当')) : '—'));
    }))) : h('p', { class: 'muted' }, '未割当のページはありません。');
  mount(h('h1', null, '受付'), h('h2', null, '取り込み'), runs, h('h2', null, '直近の問題'), errors,
    h('h2', null, '未割当ページ'), unassigned, h('h2', null, 'ファイル'), files);
  setKeys(['g', 'キュー'], ['i', '再読込'], ['?', 'キー一覧']);
  clearTimeout(showIntake.timer);
  if (running) showIntake.timer = setTimeout(() => { if (state.screen === 'intake') showIntake(); }, 3000);
}

// ---- audits (auditors) ------------------------------------------------------------------------

async function showAudits() {
  state.screen = 'audits';
  renderNav();
  let data;
  try {
    data = await api('GET', '/api/audits');
  } catch (failure) {
    mount(h('p', { class: 'error' }, failure.message));
    return;
  }
  const rows = await Promise.all(data.audits.map(async (audit) => {
    const report = audit.status === 'finished' ? await api('GET', `/api/audits/${audit.run}`) : null;
    const summary = report?.summary;
    const filter = Object.entries(audit.filter).filter(([, v]) => v).map(([k, v]) => `${k}=${v}`).join(' ') || 'すべて';
    return h('tr', null, h('td', null, audit.run), h('td', null, audit.status), h('td', null, audit.started_at), h('td', null, filter),
      h('td', null, audit.catalog), h('td', null, summary ? `${summary.differ} / ${summary.applications}` : '—'),
      h('td', null, summary ? summary.decisions_changed : '—'), h('td', null, summary ? summary.disagree_with_reviewer : '—'),
      h('td', { class: summary?.file_problems ? 'error' : '' }, summary ? summary.file_problems : '—'),
      h('td', null, report ? h('a', { href: `/api/audits/${audit.run}/report.html`, target: '_blank' }, '報告書') : ''));
  }));
  mount(h('h1', null, '監査'),
    h('p', { class: 'muted' }, '監査は certintake audit で実行します。保存済みの結果は上書きされません。'),
    data.audits.length ? h('table', { id: 'audits' }, h('thead', null, h('tr', null,
      ['回', '状態', '開始', '対象', 'カタログ', '差異のある申請', '判定の変化', '審査者と不一致', '原本の問題', ''].map((t) => h('th', null, t)))),
    h('tbody', null, rows)) : h('p', { class: 'muted' }, '監査はまだ実行されていません。'));
  setKeys(['g', 'キュー'], ['i', '受付'], ['m', '再読込'], ['?', 'キー一覧']);
}

// ---- users (admin) -------------------------------------------------------------------------------

async function showUsers() {
  state.screen = 'users';
  renderNav();
  let data;
  try {
    data = await api('GET', '/api/users');
  } catch (failure) {
    mount(h('p', { class: 'error' }, failure.message));
    return;
  }
  const name = h('input', { placeholder: 'ユーザー名' });
  const role = h('select', null, ['staff', 'reviewer', 'auditor', 'admin'].map((r) => h('option', { value: r }, r)));
  const password = h('input', { type: 'password', placeholder: 'パスワード（8 文字以上）', autocomplete: 'new-password' });
  const add = h('form', { class: 'inline-form', onsubmit: async (event) => {
    event.preventDefault();
    try {
      await api('POST', '/api/users', { name: name.value, role: role.value, password: password.value });
      toast(`${name.value} を追加しました`);
      showUsers();
    } catch (failure) { toast(failure.message); }
  } }, name, role, password, h('button', { type: 'submit' }, '追加'));
  mount(h('h1', null, 'ユーザー'), h('table', { id: 'users' }, h('thead', null, h('tr', null, ['名前', '権限', '作成'].map((t) => h('th', null, t)))),
    h('tbody', null, data.users.map((u) => h('tr', null, h('td', null, u.name), h('td', null, u.role), h('td', null, u.created_at))))),
  h('h2', null, '追加'), add);
  setKeys(['g', 'キュー'], ['i', '受付']);
}

// ---- keyboard --------------------------------------------------------------------------------------

function showHelp() {
  const existing = document.querySelector('.help');
  if (existing) { existing.remove(); return; }
  const rows = [['キュー', 'j / k', '選択を移動'], ['キュー', 'Enter', '申請を開く'], ['申請', 'n / p', '次・前の証明書'],
    ['申請', '1〜7', '項目を訂正（Enter で保存、同じ値なら確認、Esc で中止）'], ['申請', 'c', '不確かな読取をすべて確認'],
    ['申請', 'a / d', '承認・不備と決定'], ['申請', '] / [', '次・前の申請'], ['申請', '+ / - / 0', '画像の拡大・縮小・全体'], ['申請', 'f', 'ページ全体と切り抜きの切替'],
    ['申請', 'v', '不備通知の印刷画面'], ['申請', 'q / Esc', 'キューへ戻る'], ['全体', 'g', 'キュー'], ['全体', 'i', '受付'], ['全体', 'm', '監査'], ['全体', '?', 'この一覧']];
  document.body.append(h('div', { class: 'help', role: 'dialog' }, h('h1', null, 'キー一覧'),
    h('table', null, h('tbody', null, rows.map(([where, k, what]) => h('tr', null, h('td', null, where), h('td', null, key(k)), h('td', null, what))))),
    h('p', { class: 'muted' }, '? または Esc で閉じる')));
}

document.addEventListener('keydown', (event) => {
  if (!state.user || event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target;
  if (target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement) return;
  const help = document.querySelector('.help');
  if (help && (event.key === 'Escape' || event.key === '?')) { help.remove(); event.preventDefault(); return; }
  const k = event.key;
  let handled = true;
  if (k === '?') showHelp();
  else if (k === 'g') showQueue();
  else if (k === 'i') showIntake();
  else if (k === 'm' && ['auditor', 'admin', 'reviewer'].includes(state.user.role)) showAudits();
  else if (state.screen === 'queue') {
    if (k === 'j' || k === 'ArrowDown') moveQueue(1);
    else if (k === 'k' || k === 'ArrowUp') moveQueue(-1);
    else if (k === 'Enter' && state.queue.length) openApplication(state.queue[state.queueIndex].id);
    else handled = false;
  } else if (state.screen === 'application') {
    const canReview = state.user.role === 'reviewer';
    if (k === 'n' || k === 'ArrowRight') stepPiece(1);
    else if (k === 'p' || k === 'ArrowLeft') stepPiece(-1);
    else if (k === ']') stepApplication(1);
    else if (k === '[') stepApplication(-1);
    else if (k === '+' || k === '=') zoom(1);
    else if (k === '-') zoom(-1);
    else if (k === '0') zoom(0);
    else if (k === 'f') { state.wholePage = !state.wholePage; renderApplication(); }
    else if (k === 'q' || k === 'Escape') showQueue();
    else if (k === 'v') openNotice();
    else if (canReview && k >= '1' && k <= String(FIELDS.length) && state.application.certificates.length) {
      state.editing = FIELDS[Number(k) - 1].key;
      renderApplication();
    } else if (canReview && k === 'c') confirmUnsure();
    else if (canReview && k === 'a') decideApplication('approve');
    else if (canReview && k === 'd') decideApplication('deficient');
    else handled = false;
  } else handled = false;
  if (handled) event.preventDefault();
});

window.addEventListener('resize', applyZoom);

(async () => {
  try {
    state.user = await api('GET', '/api/session');
    await start();
  } catch (ignored) {
    showLogin();
  }
})();
