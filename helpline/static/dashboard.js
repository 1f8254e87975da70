// The counselor pages: the overview (queue, my conversations, supervisors' view) and one conversation.
// Desk (desk.js) supplies the live stream, the shared queue state, alerts and shortcuts.
// Texter text is untrusted: it only ever reaches the page as textContent or a Text node, never as HTML.
"use strict";

const { el, fetchJSON, debounced } = Desk;
const $ = (id) => document.getElementById(id);

function postForm(action, buttonText, fields = {}, buttonClass = "") {
  const form = el("form", { method: "post", action, class: "inline" });
  form.append(el("input", { type: "hidden", name: "csrf_token", value: Desk.csrfToken }));
  for (const [name, value] of Object.entries(fields)) form.append(el("input", { type: "hidden", name, value }));
  form.append(el("button", { type: "submit", class: buttonClass, text: buttonText }));
  return form;
}

function badges(conversation) {
  const cell = el("td", { class: "badges" });
  if (conversation.emergency) cell.append(el("span", { class: "badge emergency", text: "emergency" }));
  if (conversation.overdue) cell.append(el("span", { class: "badge overdue", text: "overdue" }));
  if (conversation.opted_out) cell.append(el("span", { class: "badge stopped", text: conversation.unreachable || "STOP" }));
  return cell;
}

function minutes(value) {
  if (value < 1) return "just now";
  if (value < 120) return `${value} min`;
  return `${Math.floor(value / 60)} h ${value % 60} min`;
}

function cell(label, text, props = {}) {
  return el("td", { "data-label": label, text, ...props });
}

function renderRows(tbody, emptyNote, rows, makeRow) {
  tbody.replaceChildren(...rows.map(makeRow));
  if (emptyNote) emptyNote.hidden = rows.length > 0;
}

function texterLink(conversation) {
  return el("td", { "data-label": "Texter" }, el("a", { href: conversation.url, class: "number", text: conversation.masked }));
}

// The overview ----------------------------------------------------------------------------------------------
function startOverview(root) {
  let selected = null; // the tid the keyboard points at

  const render = (state) => {
    $("queue-count").textContent = state.queue.length ? String(state.queue.length) : "";
    renderRows($("queue"), $("queue-empty"), state.queue, (c) =>
      el("tr", { "data-tid": c.tid, class: c.emergency ? "emergency" : "" },
        badges(c), texterLink(c),
        cell("Country", c.country), cell("Language", c.language),
        cell("Waiting", minutes(c.waiting_minutes)), cell("Asked for", c.reason_text ?? c.reason),
        el("td", { class: "act" }, postForm(`${c.url}/claim`, "Claim", {}, "claim"),
          c.can_dismiss ? dismissForm(c) : null)));
    renderRows($("mine"), $("mine-empty"), state.mine, (c) =>
      el("tr", { "data-tid": c.tid },
        badges(c), texterLink(c),
        cell("Country", c.country), cell("Language", c.language),
        cell("Since", minutes(c.waiting_minutes)),
        el("td", { class: "act" }, el("a", { href: c.url, text: "Open" }))));
    if (state.all) renderSupervisor(state);
    highlight();
  };

  const dismissForm = (c) => {
    const form = postForm(`${c.url}/dismiss`, "Dismiss", {}, "secondary");
    const outcome = el("select", { name: "outcome", "aria-label": "Outcome when dismissing", required: "" });
    for (const value of root.dataset.dismissOutcomes ? JSON.parse(root.dataset.dismissOutcomes) : []) {
      outcome.append(el("option", { value, text: value }));
    }
    form.prepend(outcome);
    return form;
  };

  const renderSupervisor = (state) => {
    // Reassignment offers only counselors present now (an open dashboard and available), or the queue.
    const present = state.counselors.filter((c) => !c.disabled && c.available && c.present !== false);
    // A live refresh must not undo a choice the supervisor is making in a reassign menu.
    const chosen = new Map([...$("all").querySelectorAll("tr[data-tid] select")].map(
      (menu) => [menu.closest("tr").dataset.tid, menu.value]));
    renderRows($("all"), $("all-empty"), state.all, (c) => {
      const form = postForm(`${c.url}/transfer`, "Reassign", { from: "overview" }, "secondary");
      const select = el("select", { name: "to", "aria-label": `Reassign ${c.masked} to` });
      if (c.status === "held") select.append(el("option", { value: "", text: "the queue" }));
      for (const counselor of present) {
        if (counselor.name !== c.counselor) select.append(el("option", { value: counselor.name, text: counselor.name }));
      }
      if (chosen.has(c.tid) && [...select.options].some((option) => option.value === chosen.get(c.tid))) {
        select.value = chosen.get(c.tid);
      }
      form.prepend(select);
      if (!select.options.length) form.replaceChildren(el("span", { class: "muted", text: "nobody present" }));
      return el("tr", { "data-tid": c.tid },
        badges(c), texterLink(c),
        cell("Country", c.country), cell("Language", c.language),
        cell("Status", c.status === "held" ? `held by ${c.counselor}` : `waiting ${minutes(c.waiting_minutes)}`),
        el("td", { class: "act" }, form));
    });
    renderRows($("counselors"), null, state.counselors, (c) =>
      el("tr", { class: c.disabled ? "disabled" : "" },
        cell("Name", c.name), cell("Role", c.role),
        cell("Status", c.disabled ? "disabled" : c.status_text ?? (c.available ? "available" : "away")),
        cell("Holding", String(c.holding))));
  };

  const rows = () => [...root.querySelectorAll("tbody tr[data-tid]")];
  const highlight = () => {
    for (const row of rows()) row.classList.toggle("selected", row.dataset.tid === selected);
  };
  const move = (step) => {
    const all = rows();
    if (!all.length) return;
    const index = all.findIndex((row) => row.dataset.tid === selected);
    const next = all[Math.min(all.length - 1, Math.max(0, index < 0 ? 0 : index + step))];
    selected = next.dataset.tid;
    highlight();
    next.querySelector("a.number")?.focus();
  };
  Desk.shortcut("j", "Next conversation in the lists", () => move(1));
  Desk.shortcut("k", "Previous conversation in the lists", () => move(-1));
  Desk.shortcut("o", "Open the chosen conversation", () => {
    const row = rows().find((r) => r.dataset.tid === selected);
    row?.querySelector("a.number")?.click();
  });
  Desk.shortcut("c", "Claim the chosen conversation (the first in the queue if none is chosen)", () => {
    const row = rows().find((r) => r.dataset.tid === selected && r.querySelector("button.claim"))
      || $("queue").querySelector("tr[data-tid]");
    row?.querySelector("button.claim")?.click();
  });

  Desk.onState(render);
}

// One conversation ------------------------------------------------------------------------------------------
function authorLabel(entry) {
  if (entry.author === "texter") return "Texter";
  if (entry.author === "bot") return "Bot";
  return entry.author;
}

function deliveryLine(entry) {
  if (!(entry.direction === "out" && entry.status && entry.status !== "replied")) return null;
  const delivery = el("p", { class: `delivery status-${entry.status}` }, el("span", { class: "state", text: entry.status_text }));
  if (entry.reason) delivery.append(el("span", { class: "reason", text: ` — ${entry.reason}` }));
  return delivery;
}

function transcriptItem(entry) {
  if (entry.separator) return el("li", { class: "separator", id: entry.id, "data-entry": entry.id }, el("span", { text: entry.separator }));
  const kind = entry.author === "texter" || entry.author === "bot" ? entry.author : "counselor";
  const item = el("li", { class: `msg ${entry.direction} author-${kind}${entry.past ? " past" : ""}`, "data-entry": entry.id });
  const meta = el("div", { class: "meta" }, el("strong", { text: authorLabel(entry) }), " · ",
    el("time", { datetime: entry.iso || "", text: entry.at }));
  if (entry.topic_text) meta.append(el("span", { class: "topic", text: ` · ${entry.topic_text}` }));
  item.append(meta, el("p", { class: "body", text: entry.body }));
  if (entry.gist) item.append(el("p", { class: "gist", text: entry.gist }));
  const delivery = deliveryLine(entry);
  if (delivery) item.append(delivery);
  return item;
}

// The transcript changes in place: new entries are appended and only they are announced to screen readers;
// an entry already shown only gets its delivery line updated. Rebuilding the list would make a screen
// reader read the whole conversation again on every event.
function updateTranscript(list, entries, announce) {
  const shown = new Map([...list.children].map((item) => [item.dataset.entry, item]));
  const wanted = new Set(entries.map((entry) => entry.id));
  for (const [id, item] of shown) if (!wanted.has(id)) item.remove();
  const fresh = [];
  let previous = null;
  for (const entry of entries) {
    let item = shown.get(entry.id);
    if (!item) {
      item = transcriptItem(entry);
      if (previous) previous.after(item); else list.prepend(item);
      fresh.push(entry);
    } else {
      const old = item.querySelector(".delivery");
      const next = deliveryLine(entry);
      if (next && (!old || old.className !== next.className || old.textContent !== next.textContent)) {
        if (old) old.replaceWith(next); else item.append(next);
      }
    }
    previous = item;
  }
  if (announce) {
    for (const entry of fresh) {
      if (entry.separator) continue;
      if (entry.direction === "in") announce(`New message from the texter: ${entry.body}`);
    }
  }
  return fresh.length;
}

function applyAbilities(can) {
  for (const node of document.querySelectorAll("[data-needs]")) {
    const need = node.dataset.needs;
    node.hidden = need === "not-reply" ? Boolean(can.reply) : !can[need];
  }
}

// The reply box: segments and encoding as one types, the characters that force UCS-2, a one-click
// replacement of typographic punctuation, and a clear limit instead of cutting the text.
function composer(textarea, counter, { limit, whatsapp, onChange }) {
  const fixButton = el("button", { type: "button", class: "secondary small", id: `${textarea.id}-plain`, text: "Use plain punctuation" });
  fixButton.hidden = true;
  counter.after(fixButton);
  const update = () => {
    const text = textarea.value.replace(/\r\n/g, "\n");
    const count = SmsSegments.count(text);
    const characters = count ? count.characters : Array.from(text).length;
    const over = characters - limit;
    const parts = [];
    if (!text) {
      counter.textContent = "";
    } else if (whatsapp) {
      parts.push(`${characters} / ${limit} characters (WhatsApp: no SMS segments)`);
    } else if (count) {
      parts.push(`${count.encoding} · ${count.segments} SMS segment${count.segments === 1 ? "" : "s"} · ${characters} / ${limit} characters`);
      const shown = count.nonGsm.slice(0, 6).map(SmsSegments.describe).join(" ");
      const more = count.nonGsm.length > 6 ? ` and ${count.nonGsm.length - 6} more` : "";
      if (count.nonGsm.length) parts.push(`UCS-2 because of: ${shown}${more}`);
    } else {
      parts.push(`${characters} / ${limit} characters`);
    }
    if (over > 0) parts.push(`Too long by ${over} character${over === 1 ? "" : "s"}: shorten it or split it into two replies.`);
    if (text) counter.textContent = parts.join(" — ");
    counter.classList.toggle("over", over > 0);
    counter.dataset.encoding = count && !whatsapp ? count.encoding : "";
    counter.dataset.segments = count && !whatsapp ? String(count.segments) : "";
    fixButton.hidden = whatsapp || !SmsSegments.replaceable(text);
    textarea.setCustomValidity(over > 0 ? `Too long by ${over} characters` : "");
    if (onChange) onChange(text);
  };
  fixButton.addEventListener("click", () => {
    textarea.value = SmsSegments.plain(textarea.value);
    update();
    textarea.focus();
  });
  textarea.addEventListener("input", update);
  update();
  return update;
}

function startConversation(root) {
  const transcript = $("transcript");
  const announcer = $("announcer");
  const tid = root.dataset.tid;
  const draftKey = `helpline.draft.${tid}`;
  const body = $("reply-body");
  const limit = Number(root.dataset.limit || 1600);
  const whatsapp = root.dataset.channel === "whatsapp";
  let first = true;
  let couldReply = null;

  const announce = (text) => {
    if (!announcer) return;
    announcer.textContent = "";
    setTimeout(() => { announcer.textContent = text; }, 50);
  };

  // A draft survives a reload, a refused send and a reassignment; it is dropped once it appears as sent.
  const keepDraft = (text) => {
    if (text.trim()) localStorage.setItem(draftKey, text); else localStorage.removeItem(draftKey);
  };

  const showKeptDraft = (reason) => {
    const draft = localStorage.getItem(draftKey) || "";
    const kept = $("draft-kept");
    if (!kept) return;
    kept.hidden = !draft;
    if (draft) {
      $("draft-kept-reason").textContent = reason;
      $("draft-kept-text").value = draft;
    }
  };

  const refresh = async () => {
    const state = await fetchJSON(root.dataset.stateUrl);
    const atBottom = transcript.scrollHeight - transcript.scrollTop - transcript.clientHeight < 40;
    const added = updateTranscript(transcript, state.transcript, first ? null : announce);
    if (atBottom || first) transcript.scrollTop = transcript.scrollHeight;
    const draft = localStorage.getItem(draftKey);
    if (draft && state.transcript.some((e) => e.direction === "out" && e.author === root.dataset.me && e.body === draft.trim())) {
      localStorage.removeItem(draftKey);
      if (body && body.value.trim() === draft.trim()) { body.value = ""; body.dispatchEvent(new Event("input")); }
      if ($("draft-kept")) $("draft-kept").hidden = true;
    }
    $("notes").replaceChildren(...state.notes.map((note) =>
      el("li", { class: note.past ? "past" : "" }, el("div", { class: "meta" }, el("strong", { text: note.author }), ` · ${note.at}`),
        note.past ? el("span", { class: "badge old", text: "earlier conversation" }) : null,
        el("p", { class: "body", text: note.body }))));
    const c = state.conversation;
    const status = c.status_text || (c.counselor ? `${c.status} · ${c.counselor}` : c.status);
    if ($("conversation-status").textContent !== status) $("conversation-status").textContent = status;
    $("badge-emergency").hidden = !c.emergency;
    $("badge-overdue").hidden = !c.overdue;
    const stopped = $("badge-stopped");
    if (stopped) stopped.hidden = !c.opted_out;
    applyAbilities(state.can);
    const blocked = $("reply-blocked");
    if (blocked) {
      blocked.hidden = !state.reply_blocked;
      blocked.textContent = state.reply_blocked || "";
      if (body) body.disabled = Boolean(state.reply_blocked);
      for (const id of ["send-reply", "send-phrase"]) {
        const button = $(id);
        if (button) button.disabled = Boolean(state.reply_blocked);
      }
    }
    if (couldReply && !state.can.reply) {
      showKeptDraft(state.lost_reason || `You no longer hold this conversation (${status}).`);
      announce(state.lost_reason || "You no longer hold this conversation.");
    }
    couldReply = state.can.reply;
    const past = $("past");
    if (past && state.past) {
      past.replaceChildren(...state.past.map((p) => el("li", {},
        el("a", { href: `#${p.anchor}`, text: p.when }), ` · ${p.outcome || "no outcome"}`, p.counselor ? ` · ${p.counselor}` : "",
        p.notes ? ` · ${p.notes} note${p.notes === 1 ? "" : "s"}` : "")));
      $("past-card").hidden = state.past.length === 0;
    }
    const readOnly = $("read-only");
    if (readOnly) {
      readOnly.hidden = !state.read_only;
      readOnly.textContent = state.read_only || "";
    }
    first = false;
    return added;
  };

  const select = $("phrase-key");
  const phraseText = $("phrase-text");
  const preview = async () => {
    if (!select || !select.value) return;
    const data = await fetchJSON(`${root.dataset.phraseUrl}?key=${encodeURIComponent(select.value)}`);
    phraseText.value = data.text;
    $("phrase-english").textContent = data.english;
    $("phrase-language").textContent = data.language;
    $("phrase-untranslated").hidden = data.translated;
    $("phrase-preview").hidden = false;
    phraseText.dispatchEvent(new Event("input"));
  };
  if (select) {
    composer(phraseText, $("phrase-segments"), { limit, whatsapp });
    select.addEventListener("change", () => preview().catch((error) => console.warn(error)));
    preview().catch((error) => console.warn(error));
  }

  if (body) {
    const saved = localStorage.getItem(draftKey);
    if (saved && !body.value) body.value = saved;
    composer(body, $("reply-count"), { limit, whatsapp, onChange: keepDraft });
    body.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) $("reply-form").requestSubmit();
      if (event.key === "Escape") body.blur();
    });
    if (saved && $("reply-form").hidden) showKeptDraft("You cannot reply here now; your unsent reply is kept.");
  }
  $("draft-kept-copy")?.addEventListener("click", () => {
    $("draft-kept-text").select();
    navigator.clipboard?.writeText($("draft-kept-text").value).catch(() => {});
  });
  $("draft-kept-discard")?.addEventListener("click", () => { localStorage.removeItem(draftKey); $("draft-kept").hidden = true; });

  Desk.shortcut("r", "Write a reply (focus the reply box)", () => { if (body && !$("reply-form").hidden) body.focus(); });
  Desk.shortcut("c", "Claim this conversation", () => { if (!$("claim").closest("form").hidden) $("claim").click(); });
  const go = (step) => {
    const order = Desk.conversationOrder();
    const index = order.findIndex((c) => c.tid === tid);
    const next = order[index < 0 ? (step > 0 ? 0 : order.length - 1) : index + step];
    if (next && next.tid !== tid) window.location.href = next.url;
  };
  Desk.shortcut("j", "Next conversation (mine, then the queue)", () => go(1));
  Desk.shortcut("k", "Previous conversation", () => go(-1));
  Desk.shortcut("u", "Back to the dashboard", () => { window.location.href = "/dashboard"; });

  // Closing sends the texter a goodbye: the first click asks, the second closes (no browser dialog).
  const closeButton = $("close");
  closeButton?.closest("form").addEventListener("submit", (event) => {
    if (closeButton.dataset.armed === "1") return;
    event.preventDefault();
    if (!$("outcome").value) { $("outcome").reportValidity(); return; }
    closeButton.dataset.armed = "1";
    closeButton.textContent = `Confirm: close as "${$("outcome").value}" and send the goodbye`;
    $("close-cancel").hidden = false;
  });
  $("close-cancel")?.addEventListener("click", () => {
    closeButton.dataset.armed = "0";
    closeButton.textContent = "Close conversation";
    $("close-cancel").hidden = true;
  });

  const soon = debounced(refresh);
  Desk.onEvent((event) => { if (event.texter === tid || event.type === "many") soon(); }); // "many": a surge's batch
  Desk.onConnect(soon);
  refresh().catch((error) => console.warn(error));
}

const overviewRoot = $("dashboard");
if (overviewRoot) startOverview(overviewRoot);
const conversationRoot = $("conversation");
if (conversationRoot) startConversation(conversationRoot);
