// The cdi-mail debug server's viewer. Mail is hostile content: every value from a message goes
// into the page through textContent or an attribute set by the DOM API, never through innerHTML;
// a message's HTML is only ever shown in the sandboxed frame, from its own URL.
'use strict';

const state = { selected: null, message: null, query: '', rawLoaded: false, shown: '' };
const $ = (id) => document.getElementById(id);

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function mailbox(box) {
  return box.name ? box.name + ' <' + box.address + '>' : box.address;
}

function mailboxes(list) {
  return list.map(mailbox).join(', ');
}

function size(bytes) {
  if (bytes < 1024) return bytes + ' B';
  if (bytes < 1024 * 1024) return (bytes / 1024).toFixed(1) + ' kB';
  return (bytes / 1024 / 1024).toFixed(1) + ' MB';
}

function time(iso) {
  const date = new Date(iso);
  const today = new Date();
  return date.toDateString() === today.toDateString() ? date.toLocaleTimeString() : date.toLocaleString();
}

async function api(url, options) {
  const response = await fetch(url, options);
  if (!response.ok && response.status !== 404) {
    throw new Error(url + ': HTTP ' + response.status);
  }
  return response;
}

async function loadList() {
  const query = state.query;
  const response = await api('/api/v1/messages?query=' + encodeURIComponent(query));
  const page = await response.json();
  if (query !== state.query) return; // a newer search is on its way
  const shown = JSON.stringify(page.messages);
  if (shown !== state.shown) { // rebuilt only when it changed: no flicker, focus kept
    state.shown = shown;
    $('messages').replaceChildren(...page.messages.map(row));
  }
  $('empty').hidden = page.messages.length > 0;
  $('empty').textContent = query ? 'No message matches.' : 'No messages yet. Send one to the debug server\'s SMTP port.';
  $('count').textContent = page.total === 1 ? '1 message' : page.total + ' messages';
  if (state.selected !== null && !page.messages.some((m) => m.id === state.selected) && !query) {
    show(null);
  }
}

function row(message) {
  const item = element('li', 'row');
  item.dataset.id = String(message.id);
  item.tabIndex = 0;
  if (message.id === state.selected) item.classList.add('selected');
  const top = element('div', 'line');
  const from = message.from.length ? message.from[0] : { name: '', address: '' };
  const who = element('span', 'from', from.name || from.address || '(no sender)');
  who.title = mailboxes(message.from);
  top.append(who, element('time', 'time', time(message.received)));
  const middle = element('div', 'line');
  middle.append(element('span', 'subject', message.subject || '(no subject)'));
  if (message.attachments > 0) {
    const mark = element('span', 'attachment-mark', String(message.attachments));
    mark.title = message.attachments === 1 ? '1 attachment' : message.attachments + ' attachments';
    middle.append(mark);
  }
  const bottom = element('div', 'line small');
  bottom.append(element('span', 'to', 'To: ' + mailboxes(message.to.concat(message.cc))),
    element('span', 'size', size(message.size)));
  item.append(top, middle, bottom);
  item.addEventListener('click', () => select(message.id));
  item.addEventListener('keydown', (event) => { if (event.key === 'Enter') select(message.id); });
  return item;
}

async function select(id) {
  state.selected = id;
  for (const item of $('messages').children) {
    item.classList.toggle('selected', item.dataset.id === String(id));
  }
  const response = await api('/api/v1/message/' + id);
  if (response.status === 404) {
    show(null);
    return;
  }
  const message = await response.json();
  if (state.selected !== id) return;
  history.replaceState(null, '', '#' + id);
  show(message);
}

function show(message) {
  state.message = message;
  state.rawLoaded = false;
  $('message').hidden = message === null;
  $('nothing').hidden = message !== null;
  if (message === null) {
    state.selected = null;
    $('html-frame').removeAttribute('src');
    history.replaceState(null, '', '#');
    return;
  }
  $('m-subject').textContent = message.subject || '(no subject)';
  $('m-from').textContent = mailboxes(message.from);
  $('m-to').textContent = mailboxes(message.to);
  $('m-cc').textContent = mailboxes(message.cc);
  for (const node of document.querySelectorAll('.cc')) node.hidden = message.cc.length === 0;
  $('m-envelope').textContent = (message.envelope.from || '<>') + ' → ' + message.envelope.to.join(', ');
  $('m-date').textContent = new Date(message.received).toLocaleString();
  $('m-download').href = message.rawUrl + '?download=1';

  const frame = $('html-frame');
  if (message.htmlUrl) {
    frame.src = message.htmlUrl;
  } else {
    frame.removeAttribute('src');
  }
  frame.hidden = !message.htmlUrl;
  $('no-html').hidden = Boolean(message.htmlUrl);
  $('remote-note').hidden = !message.hasRemoteContent;

  $('text-body').textContent = message.text || '(no text body)';

  const rows = message.headers.map((header) => {
    const tr = element('tr');
    tr.append(element('th', '', header.name), element('td', '', header.value));
    return tr;
  });
  $('headers-table').tBodies[0].replaceChildren(...rows);
  $('headers-raw').textContent = message.rawHeaders;

  const files = message.parts.filter((part) => part.kind !== 'body');
  $('attachments').replaceChildren(...files.map(attachment));
  $('no-attachments').hidden = files.length > 0;
  $('tab-attachments').textContent = 'Attachments (' + files.length + ')';

  $('raw-body').textContent = '';
  openTab(message.htmlUrl ? 'tab-html' : 'tab-text');
}

function attachment(part) {
  const item = element('li');
  const link = element('a', 'download', part.filename || 'part ' + part.index);
  link.href = part.url;
  link.setAttribute('download', part.filename || 'part-' + part.index);
  item.append(link, element('span', 'muted', ' ' + part.contentType + ', ' + size(part.size)));
  if (part.kind === 'inline') item.append(element('span', 'badge', 'inline'));
  return item;
}

function openTab(id) {
  for (const tab of document.querySelectorAll('.tabs button')) {
    const active = tab.id === id;
    tab.setAttribute('aria-selected', String(active));
    $(tab.dataset.panel).hidden = !active;
  }
  if (id === 'tab-raw' && state.message && !state.rawLoaded) {
    state.rawLoaded = true;
    const url = state.message.rawUrl;
    api(url).then((r) => r.text()).then((text) => {
      if (state.message && state.message.rawUrl === url) $('raw-body').textContent = text;
    });
  }
}

function listen() {
  const live = $('live');
  const events = new EventSource('/api/v1/events');
  let pending = null;
  const refresh = () => {
    if (pending === null) pending = setTimeout(() => { pending = null; loadList(); }, 50);
  };
  events.addEventListener('open', () => { live.textContent = 'live'; live.classList.add('on'); loadList(); });
  events.addEventListener('error', () => { live.textContent = 'reconnecting…'; live.classList.remove('on'); });
  events.addEventListener('added', refresh);
  events.addEventListener('cleared', () => { show(null); refresh(); });
  events.addEventListener('deleted', (event) => {
    if (state.selected !== null && JSON.parse(event.data).id === state.selected) show(null);
    refresh();
  });
}

function start() {
  let typing = null;
  $('search').addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => { state.query = $('search').value; loadList(); }, 200);
  });
  $('delete-all').addEventListener('click', () => api('/api/v1/messages', { method: 'DELETE' }));
  $('m-delete').addEventListener('click', () => {
    if (state.selected !== null) api('/api/v1/message/' + state.selected, { method: 'DELETE' });
  });
  $('load-remote').addEventListener('click', () => {
    $('html-frame').src = state.message.htmlUrl + '?remote=1';
    $('remote-note').hidden = true;
  });
  $('raw-headers').addEventListener('change', (event) => {
    $('headers-table').hidden = event.target.checked;
    $('headers-raw').hidden = !event.target.checked;
  });
  for (const tab of document.querySelectorAll('.tabs button')) {
    tab.addEventListener('click', () => openTab(tab.id));
  }
  const wanted = Number(location.hash.slice(1));
  show(null);
  loadList().then(() => { if (wanted > 0) select(wanted); });
  window.addEventListener('hashchange', () => { // a link to #ID, or the address bar
    const id = Number(location.hash.slice(1));
    if (id > 0 && id !== state.selected) select(id);
  });
  listen();
}

document.addEventListener('DOMContentLoaded', start);
