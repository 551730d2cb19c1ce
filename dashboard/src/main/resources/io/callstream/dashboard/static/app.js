// callstream live dashboard: one call's transcript, topics, timeline, alerts and Q&A, pushed over SSE.
//
// Rules this file keeps:
// - Transcript text, names and titles are untrusted: the DOM is built with createElement and textContent only,
//   never innerHTML with data.
// - Every API call carries the token from the page's own URL (?token=T): fetch sends it as a Bearer header,
//   EventSource (which cannot send headers) as ?token=T.
// - All state is built from the call's event stream alone and every update is idempotent (a turn keeps its highest
//   version, an alert its id, an exchange its highest version), so a replay after a reconnect changes nothing twice.
'use strict';

(() => {
  const params = new URLSearchParams(window.location.search);
  const TOKEN = params.get('token') || '';

  const SEVERITY_RANK = { INFO: 0, LOW: 1, MEDIUM: 2, HIGH: 3 };
  const ROLE_LABEL = { OPERATOR: 'Operator', EXECUTIVE: 'Executive', ANALYST: 'Analyst', UNKNOWN: 'Unknown' };
  const ROLE_ORDER = { EXECUTIVE: 0, ANALYST: 1, OPERATOR: 2, UNKNOWN: 3 };
  const SECTION_LABEL = { PREPARED_REMARKS: 'Prepared remarks', QUESTIONS_AND_ANSWERS: 'Questions and answers' };
  // After the browser gives up on a stream (an HTTP error instead of a dropped connection), the page reopens it.
  const REOPEN_DELAYS_MS = [500, 1000, 2000, 5000, 10000];

  const $ = (id) => document.getElementById(id);

  /** An element with a class and text, children appended; never parses markup. */
  function el(tag, className, text, ...children) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null && text !== '') node.textContent = String(text);
    for (const child of children) if (child) node.append(child);
    return node;
  }

  function num(value, fallback = 0) {
    return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
  }

  /** Call time as m:ss, or h:mm:ss past the hour. */
  function formatOffset(ms) {
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return '--:--';
    const total = Math.floor(ms / 1000);
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = String(total % 60).padStart(2, '0');
    return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${String(m).padStart(2, '0')}:${s}`;
  }

  /** A stable hue per topic id, so a topic keeps its colour across chips, highlights and calls. */
  function topicHue(topicId) {
    let hash = 0;
    for (let i = 0; i < topicId.length; i++) hash = (hash * 31 + topicId.charCodeAt(i)) >>> 0;
    return (hash % 24) * 15;
  }

  function withToken(path) {
    return `${path}${path.includes('?') ? '&' : '?'}token=${encodeURIComponent(TOKEN)}`;
  }

  function authHeaders() {
    return TOKEN ? { Authorization: `Bearer ${TOKEN}` } : {};
  }

  // ---------------------------------------------------------------------------------------------------------------
  // State

  const state = {
    calls: new Map(), // callId -> call summary
    callOrder: [], // callIds, newest first
    selected: null,
    chosenByUser: false,
    unauthorized: false,
    call: null, // the selected call's latest summary
    turns: new Map(), // turnIndex -> latest turn
    turnEls: new Map(), // turnIndex -> element (kept for the call's life: updates replace its children)
    alerts: new Map(), // alertId -> alert
    alertsByTurn: new Map(), // turnIndex -> [alert]
    alertArrival: 0,
    exchanges: new Map(), // exchangeId -> latest exchange
    topicLabels: new Map(), // topicId -> label
    highlighted: null,
    follow: true,
  };

  // ---------------------------------------------------------------------------------------------------------------
  // Connection indicator and the token message

  const streams = new Set();

  function updateConnection() {
    const node = $('connection');
    let status = 'live';
    if (state.unauthorized) status = 'unauthorized';
    else {
      const states = [...streams].map((s) => s.state);
      if (states.includes('reconnecting')) status = 'reconnecting';
      else if (states.length === 0 || states.includes('connecting')) status = 'connecting';
    }
    node.dataset.state = status;
    $('connection-text').textContent = {
      live: 'live', connecting: 'connecting…', reconnecting: 'reconnecting…', unauthorized: 'no access',
    }[status];
    const callStream = [...streams].find((s) => s.kind === 'call');
    if (callStream && callStream.lastEventId) node.dataset.lastEventId = callStream.lastEventId;
    node.title = callStream && callStream.lastEventId ? `last event ${callStream.lastEventId}` : '';
  }

  function showAuthError() {
    state.unauthorized = true;
    for (const stream of [...streams]) stream.close();
    $('auth-error').hidden = false;
    document.body.classList.add('unauthorized');
    updateConnection();
  }

  /** Whether the token is still good; false (and the message shown) on 401. A network error counts as good. */
  async function tokenAccepted() {
    try {
      const response = await fetch('/api/calls', { headers: authHeaders(), cache: 'no-store' });
      if (response.status === 401) {
        showAuthError();
        return false;
      }
    } catch (networkError) {
      // The server is down or restarting: keep trying.
    }
    return true;
  }

  /**
   * One SSE stream. While the connection merely drops, the browser reconnects by itself and sends Last-Event-ID,
   * so the server resumes after the last event seen. When the browser gives up (an HTTP error), the stream is
   * reopened from the first event; the handlers are idempotent, so that replay adds nothing twice.
   */
  class Stream {
    constructor(kind, path, handlers) {
      this.kind = kind;
      this.path = path;
      this.handlers = handlers;
      this.state = 'connecting';
      this.lastEventId = '';
      this.attempt = 0;
      this.closed = false;
      this.source = null;
      this.timer = null;
      streams.add(this);
    }

    open() {
      if (this.closed || state.unauthorized) return;
      const source = new EventSource(withToken(this.path));
      this.source = source;
      source.onopen = () => {
        if (source !== this.source) return;
        this.attempt = 0;
        this.setState('live');
      };
      source.onerror = () => {
        if (source !== this.source || this.closed) return;
        this.setState('reconnecting');
        if (source.readyState === EventSource.CLOSED) this.reopenLater();
      };
      for (const [type, handle] of Object.entries(this.handlers)) {
        source.addEventListener(type, (event) => {
          if (source !== this.source || this.closed) return;
          if (event.lastEventId) this.lastEventId = event.lastEventId;
          let data;
          try {
            data = JSON.parse(event.data);
          } catch (badJson) {
            console.warn(`callstream: ignored a ${type} event that is not JSON`, event.data);
            return;
          }
          if (data && typeof data === 'object') handle(data);
          updateConnection();
        });
      }
    }

    async reopenLater() {
      this.source.close();
      if (!(await tokenAccepted()) || this.closed) return;
      const delay = REOPEN_DELAYS_MS[Math.min(this.attempt, REOPEN_DELAYS_MS.length - 1)];
      this.attempt++;
      this.timer = setTimeout(() => this.open(), delay);
    }

    setState(next) {
      this.state = next;
      updateConnection();
    }

    close() {
      this.closed = true;
      clearTimeout(this.timer);
      if (this.source) this.source.close();
      streams.delete(this);
      updateConnection();
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Calls list

  async function loadCalls() {
    let response;
    try {
      response = await fetch('/api/calls', { headers: authHeaders(), cache: 'no-store' });
    } catch (networkError) {
      setTimeout(loadCalls, 2000);
      return;
    }
    if (response.status === 401) {
      showAuthError();
      return;
    }
    if (!response.ok) {
      setTimeout(loadCalls, 2000);
      return;
    }
    const calls = await response.json();
    if (Array.isArray(calls)) {
      for (const call of calls) {
        if (call && call.callId && !state.calls.has(call.callId)) state.callOrder.push(call.callId);
        if (call && call.callId) state.calls.set(call.callId, call);
      }
    }
    renderCalls();
    const wanted = params.get('call');
    if (wanted) select(wanted, false);
    else autoSelect();
    new Stream('calls', '/api/events', { call: onCallSummary }).open();
    updateConnection();
  }

  function onCallSummary(call) {
    if (!call.callId) return;
    if (!state.calls.has(call.callId)) state.callOrder.unshift(call.callId);
    state.calls.set(call.callId, call);
    renderCalls();
    if (call.callId === state.selected) setCallSummary(call);
    autoSelect();
  }

  /** Exactly one live call and nothing chosen yet: that is the call the analyst came for. */
  function autoSelect() {
    if (state.selected || state.chosenByUser) return;
    const live = state.callOrder.map((id) => state.calls.get(id)).filter((c) => c.live === true);
    if (live.length === 1) select(live[0].callId, false);
  }

  // The list is updated in place, never rebuilt, so that a click or hover is not lost to an update.
  const callItems = new Map(); // callId -> li

  function renderCalls() {
    const list = $('calls');
    for (const id of state.callOrder) {
      const call = state.calls.get(id);
      let item = callItems.get(id);
      if (!item) {
        item = el('li', 'call');
        item.dataset.callId = id;
        const button = el('button', 'call-button');
        button.type = 'button';
        button.addEventListener('click', () => select(id, true));
        item.append(button);
        callItems.set(id, item);
      }
      item.dataset.live = String(call.live === true);
      item.classList.toggle('selected', id === state.selected);
      if (id === state.selected) item.setAttribute('aria-current', 'true');
      else item.removeAttribute('aria-current');
      const top = el('span', 'call-top', undefined,
        el('span', 'call-ticker', call.ticker || id),
        el('span', 'call-period', call.fiscalPeriod),
        call.live === true ? el('span', 'live-badge', 'LIVE') : null);
      const name = el('span', 'call-name', call.title || call.company || id);
      const meta = el('span', 'call-meta mono',
        `${num(call.turns)} turns · ${num(call.alerts)} alerts · ${formatOffset(call.lastOffsetMs)}`);
      item.firstChild.replaceChildren(top, name, meta);
      list.append(item); // appending a child moves it: the list ends in callOrder
    }
    $('calls-empty').hidden = state.callOrder.length > 0;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // One call

  let callStream = null;

  function select(callId, byUser) {
    if (byUser) state.chosenByUser = true;
    if (callId === state.selected) return;
    if (callStream) callStream.close();
    state.selected = callId;
    resetCall();
    const url = new URL(window.location.href);
    url.searchParams.set('call', callId);
    window.history.replaceState(null, '', url);
    renderCalls();
    const known = state.calls.get(callId);
    if (known) setCallSummary(known);
    callStream = new Stream('call', `/api/calls/${encodeURIComponent(callId)}/events`, {
      call: (call) => {
        if (call.callId && call.callId !== callId) return;
        setCallSummary(call);
        if (state.calls.has(callId)) {
          state.calls.set(callId, Object.assign({}, state.calls.get(callId), call));
          renderCalls();
        }
      },
      turn: onTurn,
      exchange: onExchange,
      alert: onAlert,
    });
    callStream.open();
  }

  function resetCall() {
    state.call = null;
    state.turns.clear();
    state.turnEls.clear();
    state.alerts.clear();
    state.alertsByTurn.clear();
    state.alertArrival = 0;
    state.exchanges.clear();
    state.topicLabels.clear();
    state.highlighted = null;
    state.follow = true;
    $('transcript').replaceChildren();
    $('alerts').replaceChildren();
    $('exchanges').replaceChildren();
    $('timeline').replaceChildren();
    $('speakers').replaceChildren();
    timelineSignature = '';
    speakersSignature = '';
    $('transcript-empty').textContent = 'Waiting for the first turn…';
    $('transcript-empty').hidden = false;
    $('follow').hidden = true;
    updateStats();
  }

  function setCallSummary(call) {
    state.call = Object.assign({}, state.call, call);
    const c = state.call;
    $('call-ticker').textContent = c.ticker || '';
    $('call-title').textContent = c.title || c.company || c.callId || '';
    $('call-period').textContent = c.fiscalPeriod || '';
    $('call-live').hidden = c.live !== true;
    document.title = `${c.ticker ? `${c.ticker} ` : ''}${c.fiscalPeriod || c.title || ''} · callstream`;
    updateStats();
    scheduleRender();
  }

  function callTimeMs() {
    let latest = state.call ? num(state.call.lastOffsetMs, -1) : -1;
    for (const turn of state.turns.values()) {
      latest = Math.max(latest, num(turn.endOffsetMs, -1), num(turn.startOffsetMs, -1));
    }
    return latest;
  }

  function updateStats() {
    const time = callTimeMs();
    $('stat-offset').textContent = time >= 0 ? formatOffset(time) : '--:--';
    $('stat-turns').textContent = String(state.turns.size);
    $('stat-alerts').textContent = String(state.alerts.size);
    $('stat-exchanges').textContent = String(state.exchanges.size);
    $('alerts-count').textContent = String(state.alerts.size);
    $('exchanges-count').textContent = String(state.exchanges.size);
  }

  // Timeline and speakers summarise every turn: redrawn at most once a frame, however many events arrive.
  let renderPending = false;
  function scheduleRender() {
    if (renderPending) return;
    renderPending = true;
    requestAnimationFrame(() => {
      renderPending = false;
      renderTimeline();
      renderSpeakers();
      updateStats();
      if (state.follow) scrollToLive();
    });
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Turns

  function onTurn(turn) {
    if (typeof turn.turnIndex !== 'number') return;
    const previous = state.turns.get(turn.turnIndex);
    if (previous && num(previous.version) >= num(turn.version)) return; // a replayed or stale snapshot
    state.turns.set(turn.turnIndex, turn);
    for (const topic of turn.topics || []) {
      if (topic && topic.topicId) state.topicLabels.set(topic.topicId, topic.label || topic.topicId);
    }
    renderTurn(turn);
    // The next turn shows a section divider when its section differs from this one's.
    const next = state.turns.get(turn.turnIndex + 1);
    if (next && (!previous || previous.section !== turn.section)) renderTurn(next);
    $('transcript-empty').hidden = true;
    scheduleRender();
  }

  function turnElement(index) {
    let node = state.turnEls.get(index);
    if (node) return node;
    node = el('article', 'turn');
    node.id = `turn-${index}`;
    node.dataset.turnIndex = String(index);
    node.dataset.testid = 'turn';
    // Turns arrive in order nearly always; a late one goes before the first turn with a higher index.
    let before = null;
    for (const [other, otherNode] of state.turnEls) {
      if (other > index && (before === null || other < Number(before.dataset.turnIndex))) before = otherNode;
    }
    $('transcript').insertBefore(node, before);
    state.turnEls.set(index, node);
    return node;
  }

  function renderTurn(turn) {
    const node = turnElement(turn.turnIndex);
    const speaker = turn.speaker || {};
    const role = speaker.role || 'UNKNOWN';
    node.dataset.status = turn.status === 'FINAL' ? 'FINAL' : 'PARTIAL';
    node.dataset.version = String(num(turn.version));
    node.dataset.role = role;
    node.dataset.section = turn.section || 'UNKNOWN';

    const gutter = el('div', 'turn-gutter', undefined,
      el('time', 'turn-time mono', formatOffset(turn.startOffsetMs)),
      el('span', 'turn-index mono', `#${turn.turnIndex}`));

    const head = el('header', 'turn-head', undefined,
      el('span', 'speaker-name', speaker.name || speaker.label || 'Unknown speaker'),
      el('span', `role role-${role.toLowerCase()}`, ROLE_LABEL[role] || role),
      speaker.affiliation ? el('span', 'firm', speaker.affiliation) : null);
    const tags = el('span', 'turn-tags');
    const exchange = turn.exchangeId ? state.exchanges.get(turn.exchangeId) : null;
    if (exchange) {
      const asking = (exchange.questionTurns || []).includes(turn.turnIndex);
      const tag = el('span', 'tag tag-exchange mono', `${asking ? 'Q' : 'A'}${num(exchange.exchangeIndex) + 1}`);
      tag.title = `Question and answer ${num(exchange.exchangeIndex) + 1}`;
      tags.append(tag);
    }
    if (turn.forwardLooking === true) {
      const tag = el('span', 'tag tag-forward', 'forward-looking');
      tag.title = 'Guidance-like statement about future periods';
      tags.append(tag);
    }
    for (const alert of state.alertsByTurn.get(turn.turnIndex) || []) {
      const tag = el('span', `tag tag-alert sev-${String(alert.severity).toLowerCase()}`, alert.severity);
      tag.title = alert.title || alert.ruleId || 'alert';
      tags.append(tag);
    }
    if (node.dataset.status === 'PARTIAL') tags.append(el('span', 'tag tag-partial', 'transcribing'));
    head.append(tags);

    const text = el('p', 'turn-text');
    text.append(...highlighted(String(turn.text || ''), turn.topics || []));

    const chips = el('div', 'chips');
    for (const topic of turn.topics || []) {
      if (!topic || !topic.topicId) continue;
      const chip = topicChip(topic.topicId, topic.label);
      chip.addEventListener('mouseenter', () => heat(node, topic.topicId, true));
      chip.addEventListener('mouseleave', () => heat(node, topic.topicId, false));
      chips.append(chip);
    }

    const before = state.turns.get(turn.turnIndex - 1);
    const divider = SECTION_LABEL[turn.section] && (!before || before.section !== turn.section)
      ? el('div', 'section-divider', SECTION_LABEL[turn.section]) : null;
    node.replaceChildren(...[divider, gutter,
      el('div', 'turn-body', undefined, head, text, chips.childElementCount ? chips : null)].filter(Boolean));
  }

  function heat(turnNode, topicId, on) {
    for (const mark of turnNode.querySelectorAll('mark.evidence')) {
      if (mark.dataset.topics.split(' ').includes(topicId)) mark.classList.toggle('hot', on);
    }
  }

  function topicChip(topicId, label) {
    const chip = el('span', 'topic-chip', label || state.topicLabels.get(topicId) || topicId);
    chip.dataset.topic = topicId;
    chip.title = topicId;
    chip.style.setProperty('--hue', String(topicHue(topicId)));
    return chip;
  }

  /**
   * The turn's text as text nodes and <mark> elements over the evidence spans. Spans are UTF-16 offsets, as
   * JavaScript strings count; overlapping spans of several topics split into pieces that name all of them.
   */
  function highlighted(text, topics) {
    const spans = [];
    for (const topic of topics) {
      if (!topic || !topic.topicId) continue;
      for (const evidence of topic.evidence || []) {
        const start = num(evidence && evidence.start, -1);
        const end = num(evidence && evidence.end, -1);
        if (start < 0 || end <= start || end > text.length) continue;
        // A span that does not cover its own words belongs to another version of the text: better none than wrong.
        if (typeof evidence.text === 'string' && evidence.text !== '' && text.slice(start, end) !== evidence.text) {
          continue;
        }
        spans.push({ start, end, topicId: topic.topicId });
      }
    }
    if (spans.length === 0) return [document.createTextNode(text)];
    const cuts = [...new Set([0, text.length, ...spans.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
    const pieces = [];
    for (let i = 0; i + 1 < cuts.length; i++) {
      const from = cuts[i];
      const to = cuts[i + 1];
      const covering = [...new Set(spans.filter((s) => s.start <= from && s.end >= to).map((s) => s.topicId))];
      const last = pieces[pieces.length - 1];
      if (last && last.topics.join(' ') === covering.join(' ')) last.to = to;
      else pieces.push({ from, to, topics: covering });
    }
    return pieces.map((piece) => {
      const words = text.slice(piece.from, piece.to);
      if (piece.topics.length === 0) return document.createTextNode(words);
      const mark = el('mark', 'evidence', words);
      mark.dataset.topic = piece.topics[0];
      mark.dataset.topics = piece.topics.join(' ');
      mark.dataset.start = String(piece.from);
      mark.dataset.end = String(piece.to);
      mark.title = piece.topics.map((id) => state.topicLabels.get(id) || id).join(', ');
      mark.style.setProperty('--hue', String(topicHue(piece.topics[0])));
      return mark;
    });
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Following the live end, and jumping to a turn

  const transcript = $('transcript');
  // Where the page itself last scrolled to. A scroll event fires after the fact, when more turns may have made the
  // transcript longer: a position the page set is not the analyst scrolling away from the live end.
  let autoScrollTop = -1;
  transcript.addEventListener('scroll', () => {
    if (transcript.scrollTop === autoScrollTop) return;
    const atEnd = transcript.scrollHeight - transcript.scrollTop - transcript.clientHeight < 48;
    state.follow = atEnd;
    $('follow').hidden = atEnd || state.turns.size === 0;
  }, { passive: true });

  $('follow').addEventListener('click', () => {
    state.follow = true;
    scrollToLive();
  });

  function scrollToLive() {
    // The button first: it sits in the pane's title, and hiding it can change the transcript's height, and so where
    // its end is.
    $('follow').hidden = true;
    toEnd();
    // And once more when the frame is laid out: a height that settles a pixel later (fractional layout) would leave
    // the last line a pixel short of the end, with nothing to scroll it there.
    requestAnimationFrame(() => {
      if (state.follow) toEnd();
    });
  }

  function toEnd() {
    transcript.scrollTop = transcript.scrollHeight;
    autoScrollTop = transcript.scrollTop;
  }

  /** Scrolls the transcript to a turn and highlights it until another is chosen. */
  function jumpToTurn(index) {
    const node = state.turnEls.get(index);
    if (!node) return false;
    if (state.highlighted) state.highlighted.classList.remove('highlighted', 'flash');
    state.follow = false;
    state.highlighted = node;
    node.classList.add('highlighted');
    // Restart the flash animation even when the same turn is chosen twice.
    node.classList.remove('flash');
    void node.offsetWidth;
    node.classList.add('flash');
    node.scrollIntoView({ block: 'center', behavior: 'smooth' });
    return true;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Alerts, newest first

  function onAlert(alert) {
    if (!alert.alertId || state.alerts.has(alert.alertId)) return; // alert ids are deterministic: seen once
    alert._arrival = state.alertArrival++;
    state.alerts.set(alert.alertId, alert);
    if (typeof alert.turnIndex === 'number') {
      const list = state.alertsByTurn.get(alert.turnIndex) || [];
      list.push(alert);
      state.alertsByTurn.set(alert.turnIndex, list);
      const turn = state.turns.get(alert.turnIndex);
      if (turn) renderTurn(turn);
    }
    const item = alertElement(alert);
    const alerts = $('alerts');
    let before = null;
    for (const other of alerts.children) {
      if (newer(alert, state.alerts.get(other.dataset.alertId))) {
        before = other;
        break;
      }
    }
    alerts.insertBefore(item, before);
    updateStats();
  }

  /** Newest first by when the alert became known in the call, then by arrival. */
  function newer(a, b) {
    if (!b) return true;
    const keys = [
      [num(a.knownAtSeq, -1), num(b.knownAtSeq, -1)],
      [num(a.callOffsetMs, -1), num(b.callOffsetMs, -1)],
      [a._arrival, b._arrival],
    ];
    for (const [x, y] of keys) if (x !== y) return x > y;
    return false;
  }

  function alertElement(alert) {
    const severity = SEVERITY_RANK[alert.severity] !== undefined ? alert.severity : 'INFO';
    const item = el('li', `alert sev-${severity.toLowerCase()}`);
    item.dataset.alertId = alert.alertId;
    item.dataset.severity = severity;
    item.dataset.turnIndex = String(alert.turnIndex);
    item.tabIndex = 0;
    item.setAttribute('role', 'button');
    item.title = 'Show the turn';

    const head = el('div', 'alert-head', undefined,
      el('span', 'sev', severity),
      el('time', 'mono', formatOffset(alert.callOffsetMs)),
      el('span', 'alert-title', alert.title || alert.ruleId || 'Alert'));
    const excerpt = el('blockquote', 'alert-excerpt');
    excerpt.append(...excerptWithEvidence(String(alert.excerpt || ''), alert.evidence || []));
    const speaker = alert.speaker || {};
    const who = [speaker.name || speaker.label, speaker.affiliation].filter(Boolean).join(', ');
    const meta = el('div', 'alert-meta', undefined,
      who ? el('span', undefined, who) : null,
      el('span', 'mono', `turn #${alert.turnIndex}`),
      alert.turnStatus === 'PARTIAL' ? el('span', 'tag tag-partial', 'on partial') : null);
    const chips = el('div', 'chips');
    for (const topicId of alert.topicIds || []) chips.append(topicChip(topicId));

    // append() writes a null argument as the text "null": a card without topics leaves its chips out instead.
    item.append(...[head, excerpt, meta, chips.childElementCount ? chips : null].filter(Boolean));
    const go = () => {
      for (const other of document.querySelectorAll('.alert.selected, .exchange.selected')) other.classList.remove('selected');
      item.classList.add('selected');
      if (!jumpToTurn(alert.turnIndex)) item.title = 'Its turn has not arrived yet';
    };
    item.addEventListener('click', go);
    item.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        go();
      }
    });
    return item;
  }

  /** The excerpt with each evidence span's words marked where they occur in it (spans index the turn's text). */
  function excerptWithEvidence(excerpt, evidence) {
    const found = [];
    for (const span of evidence) {
      const words = span && typeof span.text === 'string' ? span.text : '';
      if (!words) continue;
      const at = excerpt.indexOf(words);
      if (at >= 0 && !found.some((f) => at < f.end && at + words.length > f.start)) {
        found.push({ start: at, end: at + words.length });
      }
    }
    found.sort((a, b) => a.start - b.start);
    const nodes = [];
    let cursor = 0;
    for (const f of found) {
      if (f.start > cursor) nodes.push(document.createTextNode(excerpt.slice(cursor, f.start)));
      nodes.push(el('mark', 'evidence', excerpt.slice(f.start, f.end)));
      cursor = f.end;
    }
    if (cursor < excerpt.length) nodes.push(document.createTextNode(excerpt.slice(cursor)));
    return nodes;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Q&A exchanges, newest first

  function onExchange(exchange) {
    if (!exchange.exchangeId) return;
    const previous = state.exchanges.get(exchange.exchangeId);
    if (previous && num(previous.version) >= num(exchange.version)) return;
    state.exchanges.set(exchange.exchangeId, exchange);
    const list = $('exchanges');
    const item = exchangeElement(exchange);
    const existing = [...list.children].find((c) => c.dataset.exchangeId === exchange.exchangeId);
    if (existing) existing.replaceWith(item);
    else {
      const before = [...list.children].find(
        (c) => num(state.exchanges.get(c.dataset.exchangeId).exchangeIndex) < num(exchange.exchangeIndex));
      list.insertBefore(item, before || null);
    }
    // Its turns show their Q/A tag.
    for (const index of [...(exchange.questionTurns || []), ...(exchange.answerTurns || [])]) {
      const turn = state.turns.get(index);
      if (turn && turn.exchangeId === exchange.exchangeId) renderTurn(turn);
    }
    updateStats();
  }

  function exchangeElement(exchange) {
    const analyst = exchange.analyst || {};
    const item = el('li', 'exchange');
    item.dataset.exchangeId = exchange.exchangeId;
    item.dataset.declined = String(exchange.declined === true);
    item.dataset.status = exchange.status || '';
    item.tabIndex = 0;
    item.setAttribute('role', 'button');
    item.title = 'Show the question';

    const head = el('div', 'exchange-head', undefined,
      el('span', 'exchange-index mono', `Q${num(exchange.exchangeIndex) + 1}`),
      el('span', 'exchange-analyst', analyst.name || analyst.label || 'Unknown analyst'),
      analyst.affiliation ? el('span', 'exchange-firm firm', analyst.affiliation) : null,
      el('time', 'mono', formatOffset(exchange.startOffsetMs)));
    const answered = (exchange.answeredBy || []).filter(Boolean);
    const body = el('div', 'exchange-answer', answered.length ? `Answered by ${answered.join(', ')}` : 'No answer yet');
    const chips = el('div', 'chips');
    for (const topicId of exchange.topics || []) chips.append(topicChip(topicId));
    item.append(...[head, body, chips.childElementCount ? chips : null].filter(Boolean));
    if (exchange.declined === true) {
      const declined = el('div', 'exchange-declined', undefined, el('span', 'declined-badge', 'Declined'));
      if (exchange.declineText) declined.append(el('q', 'decline-text', exchange.declineText));
      item.append(declined);
    }
    if (exchange.status === 'PARTIAL') item.append(el('span', 'tag tag-partial', 'in progress'));

    const go = () => {
      for (const other of document.querySelectorAll('.alert.selected, .exchange.selected')) other.classList.remove('selected');
      item.classList.add('selected');
      const first = (exchange.questionTurns || [])[0];
      if (typeof first === 'number') jumpToTurn(first);
    };
    item.addEventListener('click', go);
    item.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        go();
      }
    });
    return item;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Topic timeline: call minutes across, topics down, darker where more turns discuss the topic

  const HEAT_EMPTY = [240, 243, 247];
  const HEAT_LOW = [170, 203, 235];
  const HEAT_HIGH = [8, 38, 107];
  // A fixed scale (1 turn lightest, HEAT_CAP or more darkest) rather than one relative to the busiest cell: a cell
  // keeps its shade as a live call goes on, and two calls' timelines compare.
  const HEAT_CAP = 4;

  function heatColour(count) {
    if (count <= 0) return `rgb(${HEAT_EMPTY.join(',')})`;
    const t = (Math.min(count, HEAT_CAP) - 1) / (HEAT_CAP - 1);
    const mix = HEAT_LOW.map((low, i) => Math.round(low + (HEAT_HIGH[i] - low) * t));
    return `rgb(${mix.join(',')})`;
  }

  let timelineSignature = '';

  function renderTimeline() {
    const timeline = $('timeline');
    const turns = [...state.turns.values()].sort((a, b) => a.turnIndex - b.turnIndex);
    const rows = new Map(); // topicId -> {counts, firstTurn: per minute, order}
    const time = callTimeMs();
    const minutes = Math.max(1, Math.floor(Math.max(time, 0) / 60000) + 1);
    for (const turn of turns) {
      const minute = Math.floor(Math.max(num(turn.startOffsetMs), 0) / 60000);
      for (const topicId of new Set((turn.topics || []).map((t) => t && t.topicId).filter(Boolean))) {
        let row = rows.get(topicId);
        if (!row) {
          row = { counts: new Array(minutes).fill(0), firstTurn: new Array(minutes).fill(null), order: rows.size };
          rows.set(topicId, row);
        }
        if (minute < minutes) {
          row.counts[minute]++;
          if (row.firstTurn[minute] === null) row.firstTurn[minute] = turn.turnIndex;
        }
      }
    }
    // Most updates (a PARTIAL turn growing) change no count: then the grid stays as it is.
    const live = state.call && state.call.live === true;
    const signature = JSON.stringify([minutes, live, [...rows].map(([id, row]) => [id, row.counts, row.firstTurn]),
      [...rows.keys()].map((id) => state.topicLabels.get(id))]);
    if (signature === timelineSignature && timeline.childElementCount > 0) return;
    timelineSignature = signature;
    timeline.dataset.minutes = String(minutes);
    if (rows.size === 0) {
      timeline.replaceChildren(el('p', 'empty', turns.length ? 'No topics tagged yet.' : 'No turns yet.'));
      return;
    }
    const grid = el('div', 'timeline-grid');
    grid.style.setProperty('--minutes', String(minutes));
    grid.append(el('span', 'tl-corner mono', 'min'));
    const step = minutes > 60 ? 10 : 5;
    for (let m = 0; m < minutes; m++) {
      const tick = el('span', 'tl-tick mono', m % step === 0 ? String(m) : '');
      tick.dataset.axisMinute = String(m);
      if (live && m === minutes - 1) {
        tick.classList.add('now');
        tick.title = 'now';
      }
      grid.append(tick);
    }
    for (const [topicId, row] of rows) {
      const label = el('span', 'tl-label', undefined,
        el('span', 'tl-swatch'),
        el('span', 'tl-name', state.topicLabels.get(topicId) || topicId),
        el('span', 'tl-total mono', String(row.counts.reduce((a, b) => a + b, 0))));
      label.style.setProperty('--hue', String(topicHue(topicId)));
      label.dataset.topic = topicId;
      label.title = topicId;
      grid.append(label);
      row.counts.forEach((count, minute) => {
        const cell = el('span', 'tl-cell');
        cell.dataset.minute = String(minute);
        cell.dataset.topic = topicId;
        cell.dataset.count = String(count);
        cell.style.backgroundColor = heatColour(count);
        const name = state.topicLabels.get(topicId) || topicId;
        cell.title = `${name} · minute ${minute} · ${count} turn${count === 1 ? '' : 's'}`;
        if (count > 0) {
          cell.classList.add('hit');
          cell.addEventListener('click', () => jumpToTurn(row.firstTurn[minute]));
        }
        grid.append(cell);
      });
    }
    timeline.replaceChildren(grid);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Speakers of the call

  let speakersSignature = '';

  function renderSpeakers() {
    const people = new Map();
    for (const turn of [...state.turns.values()].sort((a, b) => a.turnIndex - b.turnIndex)) {
      const speaker = turn.speaker || {};
      const name = speaker.name || speaker.label || 'Unknown speaker';
      const key = `${name}\u0000${speaker.affiliation || ''}`;
      const entry = people.get(key) || { name, speaker, turns: 0, first: turn.turnIndex };
      entry.turns++;
      entry.speaker = speaker; // the latest version knows the most
      people.set(key, entry);
    }
    const sorted = [...people.values()].sort((a, b) =>
      (ROLE_ORDER[a.speaker.role] ?? 9) - (ROLE_ORDER[b.speaker.role] ?? 9) || a.first - b.first);
    const signature = JSON.stringify(sorted.map((p) => [p.name, p.speaker.role, p.speaker.affiliation, p.turns]));
    if (signature === speakersSignature) return;
    speakersSignature = signature;
    $('speakers').replaceChildren(...sorted.map((p) => {
      const role = p.speaker.role || 'UNKNOWN';
      const item = el('li', 'speaker', undefined,
        el('span', 'speaker-name', p.name),
        el('span', `role role-${role.toLowerCase()}`, ROLE_LABEL[role] || role),
        el('span', 'speaker-turns mono', String(p.turns)),
        p.speaker.affiliation ? el('span', 'firm', p.speaker.affiliation) : null);
      item.dataset.role = role;
      return item;
    }));
  }

  // ---------------------------------------------------------------------------------------------------------------

  updateConnection();
  loadCalls();
})();
