// The counselor dashboard: render the JSON state and keep it live with server-sent events.
// Texter text is untrusted: it only ever reaches the page as textContent or a Text node, never as HTML.
"use strict";

const csrfToken = document.querySelector('meta[name="csrf-token"]')?.content || "";

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key === "hidden") node.hidden = Boolean(value);
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child); // strings become Text nodes
  return node;
}

function postForm(action, buttonText, fields = {}, buttonClass = "") {
  const form = el("form", { method: "post", action, class: "inline" });
  form.append(el("input", { type: "hidden", name: "csrf_token", value: csrfToken }));
  for (const [name, value] of Object.entries(fields)) form.append(el("input", { type: "hidden", name, value }));
  form.append(el("button", { type: "submit", class: buttonClass, text: buttonText }));
  return form;
}

function badges(conversation) {
  const cell = el("td", { class: "badges" });
  if (conversation.emergency) cell.append(el("span", { class: "badge emergency", text: "emergency" }));
  if (conversation.overdue) cell.append(el("span", { class: "badge overdue", text: "overdue" }));
  return cell;
}

function minutes(value) {
  return value < 1 ? "just now" : `${value} min`;
}

async function fetchJSON(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" }, cache: "no-store" });
  if (response.status === 401) {
    window.location.href = `/login?next=${encodeURIComponent(window.location.pathname)}`;
    throw new Error("logged out");
  }
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}

// Refresh at most once per burst of events.
function debounced(action, delay = 150) {
  let timer = null;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(() => action().catch((error) => console.warn(error)), delay);
  };
}

// Server-sent events: each stream lasts about a minute, then the browser reconnects (the server's retry hint).
// Every (re)connection re-reads the state, so nothing sent while disconnected is missed.
function live(url, onEvent, onConnect) {
  const status = document.getElementById("live");
  let source = null;
  const connect = () => {
    source = new EventSource(url);
    source.addEventListener("hello", () => {
      if (status) status.textContent = "Live";
      document.body.dataset.live = "1";
      onConnect();
    });
    source.addEventListener("logout", () => {
      window.location.href = `/login?next=${encodeURIComponent(window.location.pathname)}`;
    });
    source.onmessage = (message) => {
      let event = null;
      try { event = JSON.parse(message.data); } catch { return; }
      onEvent(event);
    };
    source.onerror = () => {
      if (status) status.textContent = "Reconnecting…";
      document.body.dataset.live = "0";
      if (source.readyState === EventSource.CLOSED) setTimeout(connect, 5000);
    };
  };
  connect();
}

// The overview: queue, my conversations, and for supervisors everything and everyone ----------------------
function renderRows(tbody, emptyNote, rows, makeRow) {
  tbody.replaceChildren(...rows.map(makeRow));
  if (emptyNote) emptyNote.hidden = rows.length > 0;
}

function texterLink(conversation) {
  return el("td", {}, el("a", { href: conversation.url, class: "number", text: conversation.masked }));
}

function startOverview(root) {
  const stateUrl = root.dataset.stateUrl;
  const $ = (id) => document.getElementById(id);

  const refresh = async () => {
    const state = await fetchJSON(stateUrl);
    $("queue-count").textContent = state.queue.length ? String(state.queue.length) : "";
    renderRows($("queue"), $("queue-empty"), state.queue, (c) =>
      el("tr", { "data-tid": c.tid, class: c.emergency ? "emergency" : "" },
        badges(c), texterLink(c),
        el("td", { text: c.country }), el("td", { text: c.language }),
        el("td", { text: minutes(c.waiting_minutes) }), el("td", { text: c.reason }),
        el("td", {}, postForm(`${c.url}/claim`, "Claim", {}, "claim"))));
    renderRows($("mine"), $("mine-empty"), state.mine, (c) =>
      el("tr", { "data-tid": c.tid },
        badges(c), texterLink(c),
        el("td", { text: c.country }), el("td", { text: c.language }),
        el("td", { text: minutes(c.waiting_minutes) }),
        el("td", {}, el("a", { href: c.url, text: "Open" }))));
    if (state.all) {
      const active = state.counselors.filter((c) => !c.disabled);
      // A live refresh must not undo a choice the supervisor is making in a reassign menu.
      const chosen = new Map([...$("all").querySelectorAll("tr[data-tid] select")].map(
        (menu) => [menu.closest("tr").dataset.tid, menu.value]));
      renderRows($("all"), $("all-empty"), state.all, (c) => {
        const form = postForm(`${c.url}/transfer`, "Reassign", { from: "overview" }, "secondary");
        const select = el("select", { name: "to", "aria-label": "Reassign to" });
        if (c.status === "held") select.append(el("option", { value: "", text: "the queue" }));
        for (const counselor of active) {
          if (counselor.name !== c.counselor) select.append(el("option", { value: counselor.name, text: counselor.name }));
        }
        if (chosen.has(c.tid) && [...select.options].some((option) => option.value === chosen.get(c.tid))) {
          select.value = chosen.get(c.tid);
        }
        form.prepend(select);
        return el("tr", { "data-tid": c.tid },
          badges(c), texterLink(c),
          el("td", { text: c.country }), el("td", { text: c.language }),
          el("td", { text: c.status === "held" ? `held by ${c.counselor}` : `waiting ${minutes(c.waiting_minutes)}` }),
          el("td", {}, form));
      });
      renderRows($("counselors"), null, state.counselors, (c) =>
        el("tr", { class: c.disabled ? "disabled" : "" },
          el("td", { text: c.name }), el("td", { text: c.role }),
          el("td", { text: c.disabled ? "disabled" : c.available ? "available" : "away" }),
          el("td", { text: String(c.holding) })));
    }
  };
  const soon = debounced(refresh);
  const quiet = new Set(["status", "note", "outbound"]);
  live(root.dataset.eventsUrl, (event) => { if (!quiet.has(event.type)) soon(); }, soon);
  refresh().catch((error) => console.warn(error));
  setInterval(soon, 60000); // waiting times tick on even when nothing happens
}

// One conversation: transcript with delivery states, notes, what this counselor may do -------------------
function authorLabel(entry) {
  if (entry.author === "texter") return "Texter";
  if (entry.author === "bot") return "Bot";
  return entry.author;
}

function transcriptItem(entry) {
  const item = el("li", { class: `msg ${entry.direction} author-${entry.author === "texter" || entry.author === "bot" ? entry.author : "counselor"}`, "data-entry": entry.id });
  const meta = el("div", { class: "meta" }, el("strong", { text: authorLabel(entry) }), ` · ${entry.at}`);
  if (entry.topic && entry.author !== "texter" && entry.topic !== "counselor") meta.append(el("span", { class: "topic", text: ` · ${entry.topic}` }));
  item.append(meta, el("p", { class: "body", text: entry.body }));
  if (entry.direction === "out" && entry.status && entry.status !== "replied") {
    const delivery = el("p", { class: `delivery status-${entry.status}` },
      el("span", { class: "state", text: entry.status_text }));
    if (entry.reason) delivery.append(el("span", { class: "reason", text: ` — ${entry.reason}` }));
    item.append(delivery);
  }
  return item;
}

function applyAbilities(can) {
  for (const node of document.querySelectorAll("[data-needs]")) {
    const need = node.dataset.needs;
    node.hidden = need === "not-reply" ? Boolean(can.reply) : !can[need];
  }
}

function startConversation(root) {
  const $ = (id) => document.getElementById(id);
  const transcript = $("transcript");
  const tid = root.dataset.tid;

  const refresh = async () => {
    const state = await fetchJSON(root.dataset.stateUrl);
    const atBottom = transcript.scrollHeight - transcript.scrollTop - transcript.clientHeight < 40;
    transcript.replaceChildren(...state.transcript.map(transcriptItem));
    if (atBottom) transcript.scrollTop = transcript.scrollHeight;
    $("notes").replaceChildren(...state.notes.map((note) =>
      el("li", {}, el("div", { class: "meta" }, el("strong", { text: note.author }), ` · ${note.at}`),
        el("p", { class: "body", text: note.body }))));
    const c = state.conversation;
    $("conversation-status").textContent = c.counselor ? `${c.status} · ${c.counselor}` : c.status;
    $("badge-emergency").hidden = !c.emergency;
    $("badge-overdue").hidden = !c.overdue;
    applyAbilities(state.can);
  };

  const select = $("phrase-key");
  const preview = async () => {
    if (!select || !select.value) return;
    const data = await fetchJSON(`${root.dataset.phraseUrl}?key=${encodeURIComponent(select.value)}`);
    $("phrase-text").textContent = data.text;
    $("phrase-english").textContent = data.english;
    $("phrase-language").textContent = data.language;
    $("phrase-segments").textContent = `${data.segments} SMS segment${data.segments === 1 ? "" : "s"}, ${data.encoding}`;
    $("phrase-untranslated").hidden = data.translated;
    $("phrase-preview").hidden = false;
  };
  if (select) {
    select.addEventListener("change", () => preview().catch((error) => console.warn(error)));
    preview().catch((error) => console.warn(error));
  }

  const body = $("reply-body");
  if (body) {
    const count = () => { $("reply-count").textContent = body.value ? `${body.value.length}/1600 characters` : ""; };
    body.addEventListener("input", count);
    body.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) $("reply-form").requestSubmit();
    });
  }

  const soon = debounced(refresh);
  live(root.dataset.eventsUrl, (event) => { if (event.texter === tid) soon(); }, soon);
  refresh().catch((error) => console.warn(error));
}

const overviewRoot = document.getElementById("dashboard");
if (overviewRoot) startOverview(overviewRoot);
const conversationRoot = document.getElementById("conversation");
if (conversationRoot) startConversation(conversationRoot);
