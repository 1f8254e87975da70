// What every dashboard page shares: one live event stream, the queue state, emergency alerts (sound, desktop
// notification, title and favicon badge), the "replies are not going out" banner and keyboard shortcuts.
// Texter text is untrusted: it only ever reaches the page as textContent or a Text node, never as HTML.
"use strict";

const Desk = (() => {
  const root = document.body;
  const csrfToken = document.querySelector('meta[name="csrf-token"]')?.content || "";
  const MUTE_KEY = "helpline.alerts.muted";

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

  function loginAgain() {
    window.location.href = `/login?next=${encodeURIComponent(window.location.pathname)}`;
  }

  async function fetchJSON(url, options = {}) {
    const response = await fetch(url, { headers: { Accept: "application/json" }, cache: "no-store", ...options });
    if (response.status === 401) { loginAgain(); throw new Error("logged out"); }
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    return response.json();
  }

  function postJSON(url, fields = {}) {
    const body = new URLSearchParams({ csrf_token: csrfToken, ...fields });
    return fetch(url, { method: "POST", body, headers: { Accept: "application/json", "X-CSRFToken": csrfToken } });
  }

  // Run `action` once per burst of calls.
  function debounced(action, delay = 150) {
    let timer = null;
    return () => {
      clearTimeout(timer);
      timer = setTimeout(() => action().catch((error) => console.warn(error)), delay);
    };
  }

  // The live stream ------------------------------------------------------------------------------------
  // Each stream lasts about a minute, then ends with "bye" and the browser reconnects by itself: that planned
  // reconnect must not show (or announce) "Reconnecting". The indicator changes only when the stream has really
  // been down for a few seconds. Every (re)connection re-reads the state, so nothing sent meanwhile is missed.
  const eventListeners = [];
  const connectListeners = [];
  const GRACE_MS = 4000;
  let downTimer = null;

  function setLive(up) {
    const status = document.getElementById("live");
    const text = up ? "Live" : "Reconnecting…";
    if (status && status.textContent !== text) status.textContent = text;
    root.dataset.live = up ? "1" : "0";
  }

  function startStream(url) {
    let source = null;
    const connect = () => {
      source = new EventSource(url);
      source.addEventListener("hello", () => {
        clearTimeout(downTimer);
        downTimer = null;
        setLive(true);
        for (const listener of connectListeners) listener();
      });
      source.addEventListener("bye", () => { root.dataset.plannedReconnect = "1"; });
      source.addEventListener("logout", loginAgain);
      source.onmessage = (message) => {
        let event = null;
        try { event = JSON.parse(message.data); } catch { return; }
        for (const listener of eventListeners) listener(event);
      };
      source.onerror = () => {
        if (!downTimer) downTimer = setTimeout(() => setLive(false), GRACE_MS);
        if (source.readyState === EventSource.CLOSED) setTimeout(connect, 5000);
      };
    };
    connect();
  }

  // The queue state, read on every page for the alerts and the shortcuts -----------------------------------
  const stateListeners = [];
  let lastState = null;
  let knownEmergencies = null; // tids of unanswered emergencies seen so far; null until the first read

  async function readState() {
    if (!root.dataset.stateUrl) return;
    const state = await fetchJSON(root.dataset.stateUrl);
    lastState = state;
    for (const listener of stateListeners) listener(state);
    noticeEmergencies(state);
    showSendingHealth(state.sending);
    showPresence(state.me);
  }
  const refreshState = debounced(readState);

  // Alerts --------------------------------------------------------------------------------------------------
  const baseTitle = document.title;
  const favicon = document.getElementById("favicon");
  const baseIcon = favicon ? favicon.href : "";

  function muted() { return localStorage.getItem(MUTE_KEY) === "1"; }

  function drawBadge(count, emergency) {
    if (!favicon) return;
    if (!count) { favicon.href = baseIcon; return; }
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 32;
    const g = canvas.getContext("2d");
    g.fillStyle = "#0b5ed7";
    g.fillRect(0, 0, 32, 32);
    g.fillStyle = emergency ? "#b42318" : "#1d2430";
    g.beginPath();
    g.arc(20, 12, 12, 0, 2 * Math.PI);
    g.fill();
    g.fillStyle = "#fff";
    g.font = "bold 16px sans-serif";
    g.textAlign = "center";
    g.textBaseline = "middle";
    g.fillText(count > 9 ? "9+" : String(count), 20, 13);
    favicon.href = canvas.toDataURL("image/png");
  }

  function badgeTitle(emergencies, queued) {
    let prefix = "";
    if (emergencies) prefix = `(${emergencies}) Emergency · `;
    else if (queued) prefix = `(${queued}) `;
    if (document.title !== prefix + baseTitle) document.title = prefix + baseTitle;
    root.dataset.emergencies = String(emergencies);
    drawBadge(emergencies || queued, emergencies > 0);
  }

  function ring(conversation) {
    const banner = document.getElementById("alert-banner");
    if (banner) {
      const link = el("a", { href: conversation.url, text: "Open it" });
      banner.dataset.tid = conversation.tid;
      banner.replaceChildren(el("strong", { text: "New emergency" }),
        ` · ${conversation.masked} · ${conversation.language} · ${conversation.reason_text || ""} `, link);
      banner.hidden = false;
    }
    if (!muted()) {
      const sound = new Audio(root.dataset.alertSound);
      sound.play().catch(() => {
        const blocked = document.getElementById("sound-blocked");
        if (blocked) blocked.hidden = false; // the browser wants a click on the page before it plays sound
      });
      if ("Notification" in window && Notification.permission === "granted") {
        const notice = new Notification("Helpline: new emergency", {
          body: `${conversation.masked} · ${conversation.language}`,
          tag: `emergency-${conversation.tid}`,
          requireInteraction: true,
        });
        notice.onclick = () => { window.focus(); window.location.href = conversation.url; };
      }
    }
  }

  // Unanswered emergencies: in the queue, or held by me and marked emergency since.
  function noticeEmergencies(state) {
    const waiting = (state.queue || []).filter((c) => c.emergency);
    badgeTitle(waiting.length, (state.queue || []).length);
    const current = new Map(waiting.map((c) => [c.tid, c]));
    for (const c of state.mine || []) if (c.emergency) current.set(c.tid, c); // my texter wrote an emergency
    const banner = document.getElementById("alert-banner");
    if (banner && !banner.hidden && !current.has(banner.dataset.tid)) banner.hidden = true; // answered meanwhile
    if (knownEmergencies !== null) {
      for (const [tid, conversation] of current) if (!knownEmergencies.has(tid)) ring(conversation);
    }
    knownEmergencies = new Set(current.keys());
  }

  function setupAlertControls() {
    const toggle = document.getElementById("mute-toggle");
    const show = () => {
      if (!toggle) return;
      toggle.textContent = muted() ? "Sound off" : "Sound on";
      toggle.setAttribute("aria-pressed", muted() ? "true" : "false");
    };
    toggle?.addEventListener("click", () => {
      localStorage.setItem(MUTE_KEY, muted() ? "0" : "1");
      show();
    });
    show();
    const notify = document.getElementById("notify-enable");
    if (notify && "Notification" in window && Notification.permission === "default") {
      notify.hidden = false;
      notify.addEventListener("click", () => Notification.requestPermission().then(() => { notify.hidden = true; }));
    }
    const blocked = document.getElementById("sound-blocked");
    blocked?.addEventListener("click", () => {
      new Audio(root.dataset.alertSound).play().catch(() => {});
      blocked.hidden = true;
    });
  }

  // Replies not going out, and presence -----------------------------------------------------------------------
  function showSendingHealth(sending) {
    const banner = document.getElementById("sending-banner");
    if (!banner || !sending) return;
    banner.hidden = sending.ok;
    if (!sending.ok) banner.textContent = sending.message;
  }

  function showPresence(me) {
    const node = document.getElementById("presence");
    if (!node || !me || me.present === undefined) return;
    const text = me.available ? (me.present ? "Available" : "Available (no open dashboard)") : "Away";
    if (node.textContent !== text) node.textContent = text;
  }

  // Keyboard shortcuts ------------------------------------------------------------------------------------------
  const shortcuts = new Map(); // key -> {help, run}
  function shortcut(key, help, run) { shortcuts.set(key, { help, run }); }

  function typing(target) {
    return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
  }

  function setupShortcuts() {
    const overlay = document.getElementById("shortcuts");
    shortcut("?", "Show or hide this help", () => {
      if (!overlay) return;
      if (overlay.open) overlay.close(); else overlay.showModal();
    });
    shortcut("m", "Sound on or off for new emergencies", () => document.getElementById("mute-toggle")?.click());
    document.getElementById("shortcuts-open")?.addEventListener("click", () => overlay?.showModal());
    document.addEventListener("keydown", (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
      const entry = shortcuts.get(event.key);
      if (!entry) return;
      event.preventDefault();
      entry.run();
    });
  }

  function renderShortcutHelp() {
    const list = document.getElementById("shortcut-list");
    if (!list) return;
    const rows = [...shortcuts].map(([key, { help }]) => el("tr", {}, el("td", {}, el("kbd", { text: key })), el("td", { text: help })));
    rows.push(el("tr", {}, el("td", {}, el("kbd", { text: "Ctrl" }), "+", el("kbd", { text: "Enter" })),
      el("td", { text: "Send the reply (in the reply box; Cmd+Enter on a Mac)" })));
    rows.push(el("tr", {}, el("td", {}, el("kbd", { text: "Esc" })), el("td", { text: "Leave the reply box, close this help" })));
    list.replaceChildren(...rows);
  }

  // The conversations in the order the shortcuts walk them: mine, then the queue.
  function conversationOrder() {
    if (!lastState) return [];
    return [...(lastState.mine || []), ...(lastState.queue || [])];
  }

  function start() {
    if (!root.dataset.eventsUrl) return;
    setupAlertControls();
    setupShortcuts();
    eventListeners.push((event) => {
      if (["emergency", "queued", "claimed", "transferred", "closed", "overdue", "message", "presence", "many"].includes(event.type)) refreshState();
    });
    connectListeners.push(refreshState);
    startStream(root.dataset.eventsUrl);
    readState().catch((error) => console.warn(error));
    setInterval(refreshState, 60000); // waiting times tick on even when nothing happens
    window.addEventListener("load", renderShortcutHelp);
  }

  return {
    el, fetchJSON, postJSON, debounced, csrfToken, shortcut, conversationOrder, refreshState,
    onEvent: (listener) => eventListeners.push(listener),
    onConnect: (listener) => connectListeners.push(listener),
    onState: (listener) => { stateListeners.push(listener); if (lastState) listener(lastState); },
    start,
  };
})();
window.Desk = Desk;
Desk.start();

// The audit log's filter: narrows the rows shown as one types (who, action, target), in the page.
(() => {
  const form = document.getElementById("audit-filter");
  const table = document.getElementById("actions");
  if (!form || !table) return;
  const rows = [...table.tBodies[0].rows];
  const apply = () => {
    const wanted = ["actor", "action", "target"].map((name) => form.elements[name].value.trim().toLowerCase());
    let shown = 0;
    for (const row of rows) {
      const cells = [row.cells[1], row.cells[2], row.cells[3]].map((c) => (c.textContent + (c.querySelector("a")?.href || "")).toLowerCase());
      row.hidden = !wanted.every((w, i) => !w || cells[i].includes(w));
      if (!row.hidden) shown += 1;
    }
    document.getElementById("audit-shown").textContent = wanted.some(Boolean) ? `${shown} of ${rows.length} shown` : "";
  };
  form.addEventListener("input", apply);
  form.addEventListener("submit", (event) => event.preventDefault()); // filtering happens as one types
})();
