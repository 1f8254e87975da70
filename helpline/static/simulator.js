// The phone simulator: sign a message server-side, post it to the real webhook, show the TwiML replies.
// Each number has its own thread, kept in this browser's localStorage, so a reload or another tab shows the
// same conversation. Every bubble says its time, its SMS encoding and segments, and what happened to it.
"use strict";

const thread = document.getElementById("thread");
const bodyInput = document.getElementById("body");
const fromInput = document.getElementById("from");
const announcer = document.getElementById("sim-announcer");
const statusUrl = document.querySelector("main.phone").dataset.statusUrl;
const NUMBER_KEY = "helpline.simulator.number";
const threadKey = (number) => `helpline.simulator.thread.${number.trim()}`;

function load(number) {
  try { return JSON.parse(localStorage.getItem(threadKey(number)) || "[]"); } catch { return []; }
}

function save(number, messages) {
  localStorage.setItem(threadKey(number), JSON.stringify(messages.slice(-300)));
}

function encodingOf(text) {
  const count = window.SmsSegments ? SmsSegments.count(text) : null;
  if (!count) return "";
  return `${count.encoding}, ${count.segments} segment${count.segments === 1 ? "" : "s"}`;
}

function clock(at) {
  return new Date(at).toLocaleString([], { dateStyle: "short", timeStyle: "short" });
}

function bubble(message) {
  const item = document.createElement("li");
  item.className = `${message.kind}${message.counselor ? " counselor" : ""}`;
  const text = document.createElement("p");
  text.className = "text";
  text.textContent = message.text; // texter and bot text are never interpreted as HTML
  item.append(text);
  if (message.kind !== "note") {
    const meta = document.createElement("p");
    meta.className = "meta";
    const whatsapp = fromInput.value.startsWith("whatsapp:");
    meta.textContent = [clock(message.at), whatsapp ? "WhatsApp" : encodingOf(message.text), message.state].filter(Boolean).join(" · ");
    item.append(meta);
  }
  return item;
}

function render() {
  thread.replaceChildren(...load(fromInput.value).map(bubble));
  thread.lastElementChild?.scrollIntoView();
}

// Add a message to this number's thread; returns a function that updates its delivery state.
function show(text, kind, state = "", extra = {}, number = fromInput.value) {
  const messages = load(number);
  const message = { id: `${Date.now()}-${Math.random()}`, text, kind, state, at: Date.now(), ...extra };
  messages.push(message);
  save(number, messages);
  if (number === fromInput.value) {
    const item = bubble(message);
    thread.append(item);
    item.scrollIntoView();
    if (kind === "out") announcer.textContent = `Reply: ${text}`;
  }
  return (newState) => {
    const stored = load(number);
    const found = stored.find((m) => m.id === message.id);
    if (found) { found.state = newState; save(number, stored); }
    if (fromInput.value === number) render();
  };
}

// What happened to a message the bot did not answer: it went to a counselor, or is waiting for one.
async function fate(number) {
  if (!statusUrl) return "received; no automatic reply";
  try {
    const response = await fetch(`${statusUrl}?from=${encodeURIComponent(number)}`);
    if (!response.ok) return "received; no automatic reply";
    return (await response.json()).text;
  } catch { return "received; no automatic reply"; }
}

async function send(body) {
  const number = fromInput.value;
  const setState = show(body || "(empty message)", "in", "sending", {}, number);
  const signRequest = new FormData();
  signRequest.append("from", number);
  signRequest.append("body", body);
  const signed = await (await fetch("/simulator/sign", { method: "POST", body: signRequest })).json();
  const response = await fetch(signed.url, {
    method: "POST",
    headers: { "X-Twilio-Signature": signed.signature, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(signed.form),
  });
  if (!response.ok) { setState(`not delivered: the webhook answered ${response.status}`); return; }
  const xml = new DOMParser().parseFromString(await response.text(), "text/xml");
  const messages = [...xml.getElementsByTagName("Message")];
  if (messages.length === 0) {
    setState(await fate(number));
    return;
  }
  setState("delivered to the helpline");
  for (const message of messages) show(message.textContent, "out", "delivered · automatic reply", {}, number);
}

document.getElementById("compose").addEventListener("submit", (event) => {
  event.preventDefault();
  const body = bodyInput.value;
  bodyInput.value = "";
  counter();
  send(body).catch((error) => show(`(failed: ${error})`, "note"));
});

function counter() {
  const text = bodyInput.value;
  document.getElementById("body-count").textContent = text ? `${Array.from(text).length} characters · ${encodingOf(text)}` : "";
}
bodyInput.addEventListener("input", counter);

fromInput.value = localStorage.getItem(NUMBER_KEY) || fromInput.value;
fromInput.addEventListener("change", () => { localStorage.setItem(NUMBER_KEY, fromInput.value.trim()); render(); });
fromInput.addEventListener("input", render);
window.addEventListener("storage", (event) => { if (event.key === threadKey(fromInput.value)) render(); });
document.getElementById("clear-thread").addEventListener("click", () => { localStorage.removeItem(threadKey(fromInput.value)); render(); });
render();

// Counselor replies sent while no Twilio account is configured wait in an outbox: show them as they come.
async function pollOutbox() {
  const number = fromInput.value.trim();
  try {
    const response = await fetch(`/simulator/outbox?from=${encodeURIComponent(number)}`);
    if (response.ok) {
      for (const message of (await response.json()).messages) {
        const text = typeof message === "string" ? message : message.body;
        const from = typeof message === "string" ? "" : message.author;
        show(text, "out", from ? `delivered · from counselor ${from}` : "delivered · sent by the helpline (a counselor or a notice)", { counselor: true }, number);
      }
    }
  } catch (error) { /* the server restarting: try again next time */ }
  setTimeout(pollOutbox, 1500);
}
pollOutbox();
