// Freshet's web page: one plain ES module, no build step, no libraries.
// Document and answer text is untrusted (anyone who can publish a document writes it): it reaches the page only
// through textContent and text nodes, never innerHTML, and only http(s) URLs become links.

import { sseParser, readEvents } from './sse.js';

const TOKEN_KEY = 'freshet.token';
const EXPIRED = 'Signed out: token missing or expired. Get a fresh token and sign in again.';
const MODES = {
  generated: 'written by the language model from the sources below',
  extractive: 'sentences quoted from the sources below',
  'extractive-fallback': 'sentences quoted from the sources below (the language model was unavailable)',
};
// Words too common to be worth highlighting in a snippet.
const STOP_WORDS = new Set(('the and for are was were what when where which who whom why how does did can could '
  + 'should would with from that this these those into about have has had not any our your you get much many '
  + 'there their they them its may will shall been being also than then some').split(' '));

const $ = (id) => document.getElementById(id);

/** The service said 401: the page signs out and says why. */
class Unauthenticated extends Error {}

/** The answer being streamed, so a new question or Cancel can abort it. */
let inFlight = null;
// The conversation the next question follows up on (the service rewrites a follow-up to stand alone).
let conversationId = null;

// ---------- small DOM helpers (text only, never markup)

function el(tag, attributes = {}, text = null) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== null) node.textContent = text;
  return node;
}

/** An http(s) URL to link to, or null: a document's url could say javascript: or data:. */
function safeUrl(url) {
  if (typeof url !== 'string') return null;
  try {
    const parsed = new URL(url, location.href);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

// ---------- session: the token lives in this tab's sessionStorage only

function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

/** What the token says about its holder, for display only: the service is the one that checks it. */
function claimsOf(jwt) {
  try {
    const base64 = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))));
  } catch {
    return null;
  }
}

function describe(jwt) {
  const claims = claimsOf(jwt);
  if (!claims || typeof claims.sub !== 'string') return 'Signed in';
  const groups = Array.isArray(claims.groups) && claims.groups.length ? ` (${claims.groups.join(', ')})` : '';
  const until = typeof claims.exp === 'number'
    ? `, until ${new Date(claims.exp * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}` : '';
  return `Signed in as ${claims.sub}${groups}${until}`;
}

function showSession() {
  const current = token();
  $('sign-in').hidden = Boolean(current);
  $('app').hidden = !current;
  $('session').hidden = !current;
  $('signed-in').textContent = current ? describe(current) : '';
}

function signIn(event) {
  event.preventDefault();
  // People paste the whole header value as often as the token.
  const value = $('token').value.trim().replace(/^Bearer\s+/i, '');
  if (!value) return;
  sessionStorage.setItem(TOKEN_KEY, value);
  $('token').value = '';
  $('sign-in-error').hidden = true;
  showSession();
  $('question').focus();
}

function signOut(reason = '') {
  supersede();
  conversationId = null; // the next person's questions follow up on nothing of this one's
  sessionStorage.removeItem(TOKEN_KEY);
  resetAnswer();
  $('status-result').replaceChildren();
  $('sign-in-error').textContent = reason;
  $('sign-in-error').hidden = !reason;
  showSession();
  $('token').focus();
}

// ---------- API calls

async function api(path, init = {}) {
  const headers = new Headers(init.headers);
  headers.set('Authorization', `Bearer ${token()}`);
  // Relative paths: the page also works behind a proxy that serves it under a prefix.
  const response = await fetch(path, { ...init, headers, cache: 'no-store' });
  if (response.status === 401) throw new Unauthenticated();
  return response;
}

/** The human part of a problem+json error. */
async function problemOf(response) {
  try {
    const problem = await response.json();
    return problem.detail || problem.title || `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

// The parser is re-exported for WebPageTest, which feeds it every kind of split in the browser.
export { sseParser };

// ---------- the answer

function questionWords(question) {
  const words = question.toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
  return [...new Set(words.filter((w) => w.length > 2 && !STOP_WORDS.has(w)))];
}

/** Appends text to parent with the question's words (and what follows them in a word: leave, leaves) marked. */
function appendHighlighted(parent, text, words) {
  if (!words.length) {
    parent.append(text);
    return;
  }
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})[\\p{L}\\p{N}]*`, 'giu');
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    parent.append(text.slice(last, match.index), el('mark', {}, match[0]));
    last = match.index + match[0].length;
  }
  parent.append(text.slice(last));
}

function setAnswerState(state, message = '') {
  $('answer').dataset.state = state;
  $('answer').setAttribute('aria-busy', String(state === 'streaming'));
  $('answer-status').textContent = message;
  $('cancel').disabled = state !== 'streaming';
}

function resetAnswer() {
  for (const id of ['answer-text', 'flags', 'citations']) $(id).replaceChildren();
  $('answer-meta').textContent = '';
  $('answer-text').hidden = false;
  for (const id of ['abstention', 'flags', 'sources-title']) $(id).hidden = true;
  setAnswerState('idle');
}

/** The answer text with each "[n]" that has a citation n turned into a link to it; re-rendered as text arrives. */
function renderText(text, citations) {
  const target = $('answer-text');
  target.replaceChildren();
  const parts = text.split(/\[(\d+)\]/);
  parts.forEach((part, i) => {
    if (i % 2 === 0) {
      target.append(part);
      return;
    }
    const cited = citations[Number(part) - 1];
    if (!cited) {
      target.append(`[${part}]`); // not (yet) known: the citations arrive after the text
      return;
    }
    target.append(el('a', { class: 'marker', href: `#cite-${part}`, 'data-cite': part,
      'aria-label': `source ${part}: ${cited.title || cited.documentId}` }, `[${part}]`));
  });
}

function citationItem(citation, n, words) {
  const item = el('li', { id: `cite-${n}`, tabindex: '-1' });
  const head = el('p', { class: 'cite-head' });
  const title = citation.title || citation.documentId;
  const url = safeUrl(citation.url);
  head.append(url
    ? el('a', { class: 'cite-title', href: url, target: '_blank', rel: 'noopener noreferrer' }, title)
    : el('span', { class: 'cite-title' }, title));
  const where = [citation.page != null ? `page ${citation.page}` : null, citation.origin, citation.documentId];
  head.append(' ', el('span', { class: 'cite-where' }, where.filter(Boolean).join(' · ')));
  const status = el('button', { type: 'button', class: 'quiet small', 'data-doc': citation.documentId }, 'Status');
  status.setAttribute('aria-label', `status of ${title}`);
  head.append(' ', status);
  const snippet = el('blockquote', { class: 'snippet' });
  appendHighlighted(snippet, citation.snippet || '', words);
  item.append(head, snippet);
  return item;
}

function renderCitations(citations, question) {
  const words = questionWords(question);
  $('citations').replaceChildren(...citations.map((c, i) => citationItem(c, i + 1, words)));
  $('sources-title').hidden = citations.length === 0;
}

/** What the answer check found: sentences no source backs, markers naming no source (removed from the text). */
function renderFlags(uncited, invented) {
  const items = (Array.isArray(uncited) ? uncited : []).map((sentence) => {
    const item = el('li', {}, 'uncited sentence: ');
    item.append(el('q', {}, sentence));
    return item;
  });
  if (Number.isInteger(invented) && invented > 0) {
    items.push(el('li', {}, `${invented} citation${invented > 1 ? 's' : ''} naming no source removed`));
  }
  $('flags').replaceChildren(...items);
  $('flags').hidden = items.length === 0;
}

/** One question's answer as its events arrive; grounded false is shown as "I don't know", never as an answer. */
function answerView(question, live) {
  const answer = { text: '', citations: [], grounded: true, ended: false };
  resetAnswer();
  setAnswerState('streaming', 'Answering…');
  const fail = (message) => {
    answer.ended = true;
    setAnswerState('error', message);
  };
  const finish = (done) => {
    answer.ended = true;
    if (typeof done.conversationId === 'string') conversationId = done.conversationId;
    answer.grounded = done.grounded ?? answer.grounded;
    const mode = typeof done.mode === 'string' ? done.mode : '';
    // Discreet, and only said of an answer: an abstention has no sources to have been written from.
    const how = answer.grounded && answer.citations.length && MODES[mode] ? `, ${MODES[mode]}` : '';
    const why = typeof done.fallbackReason === 'string' ? ` (${done.fallbackReason})` : '';
    const asked = done.standaloneQuestion ? ` · searched as: “${done.standaloneQuestion}”` : '';
    $('answer-meta').textContent = mode ? `Mode: ${mode}${why}${how}${asked}` : '';
    if (!answer.grounded) {
      $('answer-text').hidden = true;
      $('abstention').hidden = false;
      setAnswerState('abstained');
    } else {
      setAnswerState('answered');
    }
  };
  const handlers = {
    token: (data) => {
      answer.text += typeof data.text === 'string' ? data.text : '';
      renderText(answer.text, answer.citations);
    },
    citations: (data) => {
      // The checked answer replaces what was streamed (an invented "[9]" removed, a fallback's quotes instead).
      if (typeof data.answer === 'string') answer.text = data.answer;
      answer.citations = Array.isArray(data.citations) ? data.citations : [];
      answer.grounded = data.grounded !== false;
      renderCitations(answer.citations, question);
      renderFlags(data.uncitedSentences, data.inventedCitations);
      renderText(answer.text, answer.citations);
    },
    done: finish,
    error: (data) => fail(`The answer failed: ${data.detail || data.title || 'unknown error'}`),
  };
  // A superseded answer (a newer question, a sign-out) no longer touches the page.
  const ifLive = (f) => (...args) => (live() ? f(...args) : undefined);
  return {
    on: ifLive((type, data) => handlers[type]?.(JSON.parse(data))),
    fail: ifLive(fail),
    end: ifLive(() => answer.ended || fail('The answer stopped before it was complete.')),
    cancelled: ifLive(() => setAnswerState('cancelled',
      answer.text ? 'Cancelled: the answer above is incomplete.' : 'Cancelled.')),
  };
}

/** Abandons the answer in flight, if any, without reporting it as cancelled: something newer takes its place. */
function supersede() {
  const previous = inFlight;
  inFlight = null;
  previous?.abort();
}

async function ask(event) {
  event.preventDefault();
  const question = $('question').value.trim();
  if (!question) return;
  supersede();
  const controller = new AbortController();
  inFlight = controller;
  const view = answerView(question, () => inFlight === controller);
  try {
    const response = await api('v1/answer/stream', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
      body: JSON.stringify(conversationId ? { question, conversationId } : { question }),
      signal: controller.signal,
    });
    if (!response.ok) {
      view.fail(await problemOf(response));
      return;
    }
    await readEvents(response.body, sseParser(view.on));
    view.end();
  } catch (error) {
    if (inFlight !== controller) return; // superseded: something newer owns the page
    if (error instanceof Unauthenticated) signOut(EXPIRED);
    else if (error.name === 'AbortError') view.cancelled();
    else view.fail(`The answer could not be fetched: ${error.message}`);
  } finally {
    if (inFlight === controller) inFlight = null;
  }
}

/** [n] moves focus to citation n (instead of changing the URL), so keyboard and screen-reader users follow it. */
function followMarker(event) {
  const marker = event.target.closest('a.marker');
  if (!marker) return;
  event.preventDefault();
  const target = $(`cite-${marker.dataset.cite}`);
  target?.focus();
  target?.scrollIntoView({ block: 'nearest' });
}

// ---------- document status

const STATUS_FIELDS = [['state', 'State'], ['version', 'Version'], ['chunks', 'Chunks'], ['reason', 'Reason'],
  ['source', 'Source'], ['updatedAt', 'Updated']];

function statusList(status) {
  const list = el('dl', { class: 'status-list' });
  for (const [field, label] of STATUS_FIELDS) {
    const value = status[field];
    if (value === undefined || value === null || value === '') continue;
    const dd = el('dd', { 'data-field': field });
    if (field === 'updatedAt') {
      const when = new Date(value);
      dd.append(el('time', { datetime: String(value) }, Number.isNaN(when.getTime()) ? String(value) : when.toLocaleString()));
    } else {
      dd.textContent = String(value);
    }
    if (field === 'state' && /^[A-Z_]+$/.test(value)) dd.classList.add(`state-${value.toLowerCase()}`);
    list.append(el('dt', {}, label), dd);
  }
  return list;
}

function showStatus(id, state, ...content) {
  const result = $('status-result');
  if (result.dataset.id !== id) return; // a newer lookup owns the result
  result.dataset.state = state;
  result.replaceChildren(...content);
}

async function lookUp(id) {
  const result = $('status-result');
  result.dataset.id = id;
  result.dataset.state = 'loading';
  result.replaceChildren(el('p', { class: 'status' }, 'Looking up…'));
  try {
    // Ids may contain slashes (paths, URLs): each segment is encoded, the slashes stay.
    const response = await api(`v1/documents/${id.split('/').map(encodeURIComponent).join('/')}`);
    if (response.status === 404) {
      // The service answers an unreadable document exactly like a missing one, and so does the page.
      showStatus(id, 'missing', el('p', {}, 'No such document, or not one you may read.'));
    } else if (!response.ok) {
      showStatus(id, 'error', el('p', { class: 'error' }, await problemOf(response)));
    } else {
      const status = await response.json();
      showStatus(id, 'found', el('p', { class: 'doc-id' }, status.id ?? id), statusList(status));
    }
  } catch (error) {
    if (error instanceof Unauthenticated) signOut(EXPIRED);
    else showStatus(id, 'error', el('p', { class: 'error' }, `The lookup failed: ${error.message}`));
  }
}

function submitLookUp(event) {
  event.preventDefault();
  const id = $('doc-id').value.trim();
  if (id) lookUp(id);
}

/** A citation's Status button: look its document up below. */
function statusOfCitation(event) {
  const button = event.target.closest('button[data-doc]');
  if (!button) return;
  $('doc-id').value = button.dataset.doc;
  lookUp(button.dataset.doc);
  $('status-title').scrollIntoView({ block: 'nearest' });
}

// ---------- wiring

function start() {
  $('sign-in-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', () => signOut());
  $('ask-form').addEventListener('submit', ask);
  $('cancel').addEventListener('click', () => inFlight?.abort());
  $('new-topic').addEventListener('click', () => {
    conversationId = null;
    $('question').focus();
  });
  $('question').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) $('ask-form').requestSubmit();
  });
  $('answer-text').addEventListener('click', followMarker);
  $('citations').addEventListener('click', statusOfCitation);
  $('status-form').addEventListener('submit', submitLookUp);
  showSession();
}

start();
