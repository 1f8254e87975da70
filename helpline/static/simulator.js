// The phone simulator: sign a message server-side, post it to the real webhook, show the TwiML replies.
const thread = document.getElementById("thread");
const bodyInput = document.getElementById("body");
const fromInput = document.getElementById("from");

function show(text, kind) {
  const item = document.createElement("li");
  item.className = kind;
  item.textContent = text; // texter and bot text are never interpreted as HTML
  thread.appendChild(item);
  item.scrollIntoView();
}

async function send(body) {
  const signRequest = new FormData();
  signRequest.append("from", fromInput.value);
  signRequest.append("body", body);
  const signed = await (await fetch("/simulator/sign", { method: "POST", body: signRequest })).json();
  const response = await fetch(signed.url, {
    method: "POST",
    headers: { "X-Twilio-Signature": signed.signature, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(signed.form),
  });
  if (!response.ok) { show(`(webhook answered ${response.status})`, "note"); return; }
  const xml = new DOMParser().parseFromString(await response.text(), "text/xml");
  const messages = [...xml.getElementsByTagName("Message")];
  if (messages.length === 0) show("(no reply)", "note");
  for (const message of messages) show(message.textContent, "out");
}

document.getElementById("compose").addEventListener("submit", (event) => {
  event.preventDefault();
  const body = bodyInput.value;
  show(body || "(empty message)", "in");
  bodyInput.value = "";
  send(body).catch((error) => show(`(failed: ${error})`, "note"));
});

// Counselor replies sent while no Twilio account is configured wait in an outbox: show them as they come.
async function pollOutbox() {
  try {
    const response = await fetch(`/simulator/outbox?from=${encodeURIComponent(fromInput.value)}`);
    if (response.ok) for (const text of (await response.json()).messages) show(text, "out");
  } catch (error) { /* the server restarting: try again next time */ }
  setTimeout(pollOutbox, 2000);
}
pollOutbox();
