"use strict";
// The dabrepo serve page: chat, conversations, revisions, files. Plain DOM, no build step. Everything
// the server or the model says is inserted as text (textContent), never as HTML.

// ---------- DOM and HTTP ----------

/** Creates an element: el("p", {class: "x", text: "…", attrs: {href: "…"}}, [children]). */
function el(tag, options = {}, children = []) {
  const node = document.createElement(tag);
  if (options.class) node.className = options.class;
  if (options.text !== undefined && options.text !== null) node.textContent = String(options.text);
  for (const [name, value] of Object.entries(options.attrs || {})) {
    if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value === true ? "" : String(value));
  }
  if (options.on) for (const [name, handler] of Object.entries(options.on)) node.addEventListener(name, handler);
  for (const child of children) if (child) node.append(child);
  return node;
}

function $(id) { return document.getElementById(id); }

class APIError extends Error {
  constructor(kind, message) { super(message); this.kind = kind; }
}

async function readError(response) {
  try {
    const body = await response.json();
    if (body && body.error) return new APIError(body.error.kind || "error", body.error.message || response.statusText);
  } catch (_) { /* not JSON */ }
  return new APIError("http", `${response.status} ${response.statusText}`);
}

// The browser's own words when the server is gone ("Failed to fetch", "NetworkError when attempting
// to fetch resource"): what happened and what to do.
const unreachable = "dabrepo serve is not answering (it may have stopped): start it again with `dabrepo serve`, then reload this page.";

async function reach(path, init) {
  try {
    return await fetch(path, init);
  } catch (error) {
    if (error && error.name === "AbortError") throw error;
    throw new APIError("unreachable", unreachable);
  }
}

async function api(path, options = {}) {
  const init = { credentials: "same-origin", headers: { Accept: "application/json" }, ...options };
  if (options.json !== undefined) {
    init.method = init.method || "POST";
    init.headers = { ...init.headers, "Content-Type": "application/json" };
    init.body = JSON.stringify(options.json);
    delete init.json;
  }
  const response = await reach(path, init);
  if (!response.ok) throw await readError(response);
  const type = response.headers.get("Content-Type") || "";
  return type.includes("json") ? response.json() : response.text();
}

/** A list from an answer that is either the list itself or an object holding it. */
function listFrom(value, ...keys) {
  if (Array.isArray(value)) return value;
  for (const key of keys) if (value && Array.isArray(value[key])) return value[key];
  return [];
}

function shortRevision(rev) { return rev ? String(rev).slice(0, 8) : ""; }

function prettyJSON(text) {
  if (typeof text !== "string") return JSON.stringify(text, null, 2);
  try { return JSON.stringify(JSON.parse(text), null, 2); } catch (_) { return text; }
}

function showError(container, error) {
  container.append(el("p", { class: "error", text: error.message || String(error), attrs: { role: "alert" } }));
}

// ---------- Views ----------

const state = { conversationId: null, knownTurns: 0, turnId: null, controller: null, streaming: false, revisions: [], fileRevision: null };

function showView(name) {
  // On a phone the conversations list is a view of its own; beside the chat otherwise.
  document.body.classList.toggle("conversations-open", name === "conversations");
  if (name === "conversations") {
    for (const button of document.querySelectorAll(".view-button")) button.setAttribute("aria-pressed", String(button.dataset.view === name));
    return;
  }
  for (const button of document.querySelectorAll(".view-button")) {
    button.setAttribute("aria-pressed", String(button.dataset.view === name));
  }
  for (const view of document.querySelectorAll(".view")) view.hidden = view.id !== `view-${name}`;
  if (name === "revisions") loadRevisions();
  if (name === "files") loadFilesView();
}

// ---------- Status bar ----------

async function loadHealth() {
  const bar = $("status-bar");
  try {
    const health = await api("/api/health");
    state.head = health.head || null;
    const items = [
      ["Repository", health.repo],
      ["Branch", health.branch],
      ["HEAD", shortRevision(health.head)],
      ["Agent", health.model && !String(health.agent || "").includes(health.model) ? [health.agent, health.model].filter(Boolean).join(" · ") : health.agent],
    ];
    const workspace = health.workspace || {};
    items.push(["Workspace", workspace.host ? `${workspace.host} (${workspace.connected ? "connected" : "not connected"})` : "not configured"]);
    bar.replaceChildren(...items.filter(([, v]) => v).map(([label, value]) =>
      el("span", { class: "status-item" }, [el("span", { class: "status-label", text: label }), el("span", { class: "status-value", text: value })])));
    bar.classList.toggle("offline", workspace.host && !workspace.connected);
    // Examples that need a workspace only where one is set up (they failed with "no Databricks workspace configured").
    for (const example of document.querySelectorAll(".example[data-needs-workspace]")) {
      example.closest("li").hidden = !workspace.host;
    }
  } catch (error) {
    bar.replaceChildren(el("span", { class: "error", text: error.kind === "unreachable" ? error.message : `Server not reachable: ${error.message}` }));
  }
}

// ---------- Semantic diff ----------

function renderValue(value) {
  if (value === undefined) return "";
  if (value === null) return "null";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The semantic diff (`dabrepo diff --output json`) as a list of resources and their changes. */
function renderDiff(diff) {
  if (!diff) return el("p", { class: "muted", text: "No changes." });
  if (typeof diff === "string") {
    try { diff = JSON.parse(diff); } catch (_) { return el("pre", { class: "diff-text", text: diff }); }
  }
  const box = el("div", { class: "diff" });
  if (diff.summary && diff.summary.text) box.append(el("p", { class: "diff-summary", text: diff.summary.text }));
  for (const group of diff.groups || []) {
    const status = group.status === "renamed" && group.renamed_from ? `renamed from ${group.renamed_from}` : group.status;
    const title = [group.kind === "resource" ? `${group.type}.${group.key}${group.target ? ` in target ${group.target}` : ""}` : `${group.kind} ${group.key}`, status].join(" — ");
    const changes = el("ul", { class: "plain-list diff-changes" });
    for (const change of group.changes || []) {
      let line;
      if (change.op === "change") line = `${change.path}: ${renderValue(change.old)} → ${renderValue(change.new)}`;
      else if (change.op === "move") line = `${change.path}: moved ${renderValue(change.from)} → ${renderValue(change.to)}`;
      else if (change.op === "add" || change.op === "add_element") line = `+ ${change.path}: ${renderValue(change.new)}`;
      else line = `− ${change.path}: ${renderValue(change.old)}`;
      changes.append(el("li", { class: `diff-op diff-${change.op}`, text: line }));
    }
    box.append(el("section", { class: `diff-group diff-${group.status}` }, [
      el("h4", { text: title }), group.file ? el("p", { class: "muted diff-file", text: group.file }) : null,
      group.note ? el("p", { class: "diff-note", text: group.note }) : null, changes]));
  }
  const files = diff.files || [];
  if (files.length) {
    box.append(el("ul", { class: "plain-list diff-files" }, files.map((f) =>
      el("li", { text: `${f.path} (${f.status}${f.binary ? ", binary" : `, +${f.added} −${f.removed}`})` }))));
  }
  if (!(diff.groups || []).length && !files.length && !(diff.summary && diff.summary.text)) box.append(el("p", { class: "muted", text: "No changes." }));
  return box;
}

// ---------- Chat ----------

function messageItem(role, children = []) {
  const item = el("li", { class: `message message-${role}` }, children);
  $("messages").append(item);
  $("examples").hidden = true;
  item.scrollIntoView({ block: "end" });
  return item;
}

/** The server's longest request, in bytes of UTF-8 (ConversationTurn.longestRequest). */
const longestRequest = 20000;

function userMessage(text) { return messageItem("user", [el("p", { class: "message-text", text })]); }

/** One turn's rendering: the agent's bubble with its streamed text, tool calls, questions and cards. */
class TurnView {
  constructor() {
    this.item = messageItem("agent");
    this.item.setAttribute("aria-busy", "true");
    this.text = null;
    this.tools = new Map();
  }

  appendText(chunk) {
    if (!this.text) {
      this.text = el("p", { class: "message-text streamed" });
      this.item.append(this.text);
    }
    this.text.textContent += chunk;
    this.item.scrollIntoView({ block: "end" });
  }

  /** Text that follows a tool call or a card starts a new paragraph; what was added is scrolled into view (a
   * revision card landed below the visible part of the conversation). */
  breakText() {
    this.text = null;
    this.item.scrollIntoView({ block: "end" });
  }

  toolCall({ id, name, arguments: args }) {
    const result = el("pre", { class: "tool-result muted", text: "running…" });
    const details = el("details", { class: "tool-call" }, [
      el("summary", { text: `Tool: ${name}` }),
      el("p", { class: "label", text: "Arguments" }), el("pre", { class: "tool-arguments", text: prettyJSON(args ?? "") }),
      el("p", { class: "label", text: "Result" }), result]);
    this.tools.set(id, { details, result });
    this.item.append(details);
    this.breakText();
  }

  toolResult({ id, name, result, is_error: isError }) {
    let entry = this.tools.get(id);
    if (!entry) { this.toolCall({ id, name, arguments: "" }); entry = this.tools.get(id); }
    entry.result.textContent = prettyJSON(result ?? "");
    entry.result.classList.remove("muted");
    if (isError) entry.details.classList.add("tool-error");
  }

  progress({ message, progress, total }) {
    const count = progress !== undefined && total ? ` (${progress}/${total})` : "";
    this.item.append(el("p", { class: "progress muted", text: `${message}${count}` }));
    this.breakText();
  }

  question({ question, choices }) {
    const buttons = (choices || []).map((choice) => el("button", {
      class: `choice choice-${choice.kind || "option"}`, text: choice.label || choice.value, attrs: { type: "button" },
      // (The request box gets the focus back: after a choice made with the keyboard, typing went nowhere.)
      on: { click: () => {
        // An example holds a made-up value (an id, an address): it goes into the box, its made-up part selected, to edit.
        if (choice.kind === "example") { fillIn(choice.value); return; }
        for (const b of buttons) b.disabled = true; send(choice.value ?? choice.label); $("composer-input").focus();
      } } }));
    for (const [i, b] of buttons.entries()) if ((choices[i] || {}).kind === "example") b.title = "Put this example in the box to change its made-up value";
    this.item.append(el("div", { class: "question" }, [el("p", { class: "question-text", text: question }), el("div", { class: "choices" }, buttons)]));
    this.breakText();
  }

  preview({ files, diff, replanned }) {
    // Planned again on another writer's revision: the earlier preview is stale.
    if (replanned) {
      for (const stale of this.item.querySelectorAll("details.preview")) stale.remove();
      this.item.append(el("p", { class: "progress muted", text: "The bundle changed while this request waited (another revision landed); planned again on top of it." }));
    }
    const body = el("details", { class: "preview" }, [el("summary", { text: "Planned change" }), renderDiff(diff)]);
    if (files && files.length) body.append(el("p", { class: "muted", text: `Files: ${files.map((f) => f.path || f).join(", ")}` }));
    this.item.append(body);
    this.breakText();
  }

  findings({ findings }) {
    this.item.append(findingsList(findings || [], "The change would break the bundle; nothing was written:"));
    this.breakText();
  }

  revision(event) {
    // The committed revision's card shows its diff: the planned change before it would say it twice.
    for (const planned of this.item.querySelectorAll("details.preview")) planned.remove();
    this.item.append(revisionCard(event));
    this.breakText();
  }

  error({ kind, message }) {
    this.item.append(el("p", { class: "error", text: message || kind, attrs: { role: "alert" } }));
    this.breakText();
  }

  done({ status, usage }) {
    this.item.removeAttribute("aria-busy");
    const notes = [];
    // (A model's closing words are shown as it said them: that nothing changed is said here.)
    if (status === "refused" || status === "unchanged") notes.push("Nothing changed");
    if (usage && (usage.input_tokens || usage.output_tokens)) notes.push(`${usage.input_tokens || 0} input, ${usage.output_tokens || 0} output tokens`);
    if (notes.length) this.item.append(el("p", { class: "turn-status muted", text: notes.join(" · ") }));
    if (status === "abandoned" || !this.item.querySelector(".message-text, .revision-card, .question, .error, .tool-call, .findings-list, .progress")) {
      const said = { cancelled: "Stopped; nothing changed.",
        abandoned: "Stopped waiting for the server, which did not confirm the stop: the request may still have been committed (the Revisions view shows what landed)." };
      this.item.append(el("p", { class: "muted", text: said[status] || "Done." }));
    }
  }
}

/** A committed revision: subject, semantic diff, Undo, ZIP download. */
function revisionCard({ revision, subject, diff, zip_url: zipURL, summary, message }) {
  const [undo, outcome] = undoControls(revision);
  const zip = zipURL || `/api/revisions/${encodeURIComponent(revision)}/bundle.zip`;
  return el("article", { class: "revision-card", attrs: { "data-revision": revision } }, [
    el("header", { class: "revision-head" }, [
      el("span", { class: "revision-badge", text: "Revision" }),
      el("code", { class: "revision-id", text: shortRevision(revision) }),
      el("h3", { class: "revision-subject", text: subject })]),
    summary ? el("p", { class: "revision-summary", text: summary }) : null,
    message ? el("p", { class: "revision-validation muted", text: message }) : null,
    el("details", { class: "revision-diff" }, [el("summary", { text: "Semantic diff" }), renderDiff(diff)]),
    el("div", { class: "card-actions" }, [
      undo,
      el("a", { class: "zip-link button-link", text: "Download ZIP", attrs: { href: zip, download: true } }),
      el("a", { class: "button-link", text: "Files", attrs: { href: `#files/${encodeURIComponent(revision)}` } })]),
    outcome]);
}

/** An Undo button for a revision (undone only while it is HEAD) and the line that says how it went. */
function undoControls(revision) {
  const undo = el("button", { class: "undo", text: "Undo", attrs: { type: "button" } });
  const outcome = el("p", { class: "undo-outcome", attrs: { "aria-live": "polite" } });
  undo.addEventListener("click", async () => {
    undo.disabled = true;
    outcome.classList.remove("error");
    try {
      // The server undoes HEAD: only while this revision is HEAD is that this card's revision.
      const health = await api("/api/health");
      if (health.head && revision && health.head !== revision) {
        throw new APIError("refused", `Only the latest revision can be undone here; HEAD is now ${shortRevision(health.head)}. Use the timeline to review it.`);
      }
      const result = await api("/api/undo", { json: { revision } });
      outcome.textContent = (result && result.message) || "Undone.";
      refreshAfterChange();
    } catch (error) {
      outcome.textContent = error.message;
      outcome.classList.add("error");
      undo.disabled = false;
    }
  });
  return [undo, outcome];
}

/** Parses a server-sent event stream: calls onEvent(name, data) for each event. */
async function readEvents(response, onEvent) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const dispatch = (block) => {
    let name = "message";
    const data = [];
    for (const line of block.split("\n")) {
      if (!line || line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? "" : line.slice(colon + 1);
      if (value.startsWith(" ")) value = value.slice(1);
      if (field === "event") name = value;
      else if (field === "data") data.push(value);
    }
    if (!data.length) return;
    let payload;
    try { payload = JSON.parse(data.join("\n")); } catch (_) { payload = { text: data.join("\n") }; }
    onEvent(name, payload);
  };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, "\n");
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      dispatch(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
    }
  }
  if (buffer.trim()) dispatch(buffer);
}

function setStreaming(streaming) {
  state.streaming = streaming;
  $("send").disabled = streaming;
  $("stop").disabled = !streaming;
  $("composer").classList.toggle("busy", streaming);
}

// An example request in the box, its made-up value (an example id or address, VALUE, a ${var.…}) selected.
function fillIn(text) {
  const box = $("composer-input");
  box.value = text;
  box.focus();
  const made = text.match(/[\w.+-]+@example\.com|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-000000000001|VALUE|\$\{var\.[^}]*\}|<[^>]*>|…|team=data|Nightly ETL/);
  if (made) box.setSelectionRange(made.index, made.index + made[0].length);
  box.dispatchEvent(new Event("input"));
}

async function send(text) {
  const message = text.trim();
  if (!message || state.streaming) return;
  userMessage(message);
  const view = new TurnView();
  const controller = new AbortController();
  state.controller = controller;
  state.turnId = null;
  state.stopRequested = false;
  setStreaming(true);
  let finished = false;
  let stale = null;
  let failed = false;
  try {
    const body = { message };
    if (state.conversationId) { body.conversation_id = state.conversationId; body.known_turns = state.knownTurns; }
    const response = await reach("/api/chat", {
      method: "POST", credentials: "same-origin", signal: controller.signal,
      headers: { "Content-Type": "application/json", Accept: "text/event-stream" }, body: JSON.stringify(body) });
    if (!response.ok) throw await readError(response);
    await readEvents(response, (name, data) => {
      switch (name) {
        case "turn":
          state.conversationId = data.conversation_id || state.conversationId; keepConversation(state.conversationId); state.turnId = data.turn_id;
          // Stop pressed before the server named the turn: asked now (dropping the stream did not stop it).
          if (state.stopRequested) stop();
          break;
        case "text": view.appendText(data.text || ""); break;
        case "tool_call": view.toolCall(data); break;
        case "tool_result": view.toolResult(data); break;
        case "progress": view.progress(data); break;
        case "question": view.question(data); break;
        case "preview": view.preview(data); break;
        case "findings": view.findings(data); break;
        case "revision": view.revision(data); break;
        case "error": view.error(data); failed = true; break;
        case "done":
          finished = true;
          if (data.conversation_id) { state.conversationId = data.conversation_id; keepConversation(state.conversationId); }
          if (typeof data.turns === "number") state.knownTurns = data.turns;
          view.done(data);
          break;
        default: break;
      }
    });
    if (!finished) view.done({ status: controller.signal.aborted ? "abandoned" : "ended" });
  } catch (error) {
    // (Dropped without the server's word that it stopped: the request may still have landed.)
    if (controller.signal.aborted) view.done({ status: "abandoned" });
    // (A stream cut off by a server that stopped throws the browser's "network error".)
    else if (error instanceof APIError) { view.error({ kind: error.kind, message: error.message }); view.done({}); stale = error.kind === "stale_conversation" ? error : null; failed = true; }
    else { view.error({ kind: "unreachable", message: unreachable }); view.done({}); }
  } finally {
    state.controller = null;
    state.turnId = null;
    setStreaming(false);
    refreshAfterChange();
  }
  // A request that failed (uncommitted edits in its files, a refused change): back in the box, to send
  // again once fixed (it was gone, and reloading showed a conversation of no turns).
  if (failed && !stale && !$("composer-input").value.trim()) $("composer-input").value = message;
  // Turns taken in another tab: shown now, the request kept in the box to send again.
  if (stale && state.conversationId) {
    await openConversation(state.conversationId);
    const input = $("composer-input");
    if (!input.value.trim()) input.value = message;
    messageItem("agent", [el("p", { class: "error", attrs: { role: "alert" },
      text: "This conversation went on in another tab or window: its turns are shown above. Your request was not sent; it is back in the box." })]);
  }
}

/** Stops the running turn: asks the server (the repository stays unchanged), then drops the stream. */
async function stop() {
  if (!state.streaming) return;
  const controller = state.controller;
  if (state.turnId) {
    try { await api(`/api/chat/${encodeURIComponent(state.turnId)}/stop`, { method: "POST" }); } catch (_) { /* the stream ends anyway */ }
    setTimeout(() => { if (state.controller === controller && controller) controller.abort(); }, 3000);
  } else if (controller && !state.stopRequested) {
    // Not named yet: the stop is asked as soon as the turn is (a dropped stream left the server's turn
    // running, which committed while the page said nothing changed); dropped if it never is.
    state.stopRequested = true;
    setTimeout(() => { if (state.controller === controller && !state.turnId) controller.abort(); }, 5000);
  }
}

function refreshAfterChange() {
  loadHealth();
  loadConversations();
  if (!$("view-revisions").hidden) loadRevisions();
}

// ---------- Conversations ----------

function conversationLabel(conversation) {
  const turns = conversation.turns || [];
  return conversation.title || conversation.first_request || conversation.request || (turns[0] && turns[0].request) || conversation.id;
}

async function loadConversations() {
  const list = $("conversation-list");
  try {
    const conversations = listFrom(await api("/api/conversations"), "conversations");
    list.replaceChildren(...conversations.map((c) => {
      const count = c.turn_count ?? c.turns_count ?? (Array.isArray(c.turns) ? c.turns.length : c.turns);
      const button = el("button", { class: "conversation", attrs: { type: "button", "aria-current": c.id === state.conversationId ? "true" : null } }, [
        el("span", { class: "conversation-title", text: conversationLabel(c) }),
        el("span", { class: "muted conversation-meta", text: [c.id, count !== undefined ? `${count} turn${count === 1 ? "" : "s"}` : null].filter(Boolean).join(" · ") })]);
      button.addEventListener("click", () => openConversation(c.id));
      return el("li", {}, [button]);
    }));
    if (!conversations.length) list.replaceChildren(el("li", { class: "muted", text: "None yet." }));
  } catch (error) {
    list.replaceChildren();
    showError(list, error);
  }
}

/** The conversation this tab is in, kept for a reload of the page (per tab: another tab's stays its own). */
function keepConversation(id) {
  try { if (id) sessionStorage.setItem("dabrepo-conversation", id); else sessionStorage.removeItem("dabrepo-conversation"); } catch (_) { /* storage off */ }
}

/** This tab's own name: a tab opened from this one (window.open, a link) starts with a copy of its
 *  sessionStorage, not its window.name, and so starts a conversation of its own instead of continuing this one. */
function claimTab() {
  try {
    if (!window.name.startsWith("dabrepo-tab-")) window.name = `dabrepo-tab-${Math.random().toString(36).slice(2)}`;
    if (sessionStorage.getItem("dabrepo-tab") !== window.name) {
      sessionStorage.setItem("dabrepo-tab", window.name);
      sessionStorage.removeItem("dabrepo-conversation");
    }
  } catch (_) { /* storage off */ }
}

function keptConversation() {
  try { return sessionStorage.getItem("dabrepo-conversation"); } catch (_) { return null; }
}

async function openConversation(id) {
  if (state.streaming) return;
  showView("chat");
  $("messages").replaceChildren();
  state.conversationId = id;
  keepConversation(id);
  try {
    const conversation = await api(`/api/conversations/${encodeURIComponent(id)}`);
    state.knownTurns = listFrom(conversation, "turns").length;
    for (const turn of listFrom(conversation, "turns")) {
      if (turn.request) userMessage(turn.request);
      if (turn.choices && turn.choices.length) {
        // The question still open: its choices as buttons again.
        const view = new TurnView();
        view.question({ question: turn.reply || "", choices: turn.choices });
        view.item.removeAttribute("aria-busy");
        continue;
      }
      const item = messageItem("agent", [el("p", { class: "message-text", text: turn.reply || turn.answer || "" })]);
      if (turn.commit) {
        item.append(el("a", { class: "button-link", text: `Revision ${shortRevision(turn.commit)}`, attrs: { href: `#revisions/${encodeURIComponent(turn.commit)}` } }));
        // (After a reload the latest revision can still be undone from here, as from its card.)
        if (turn.commit === (state.head || (await api("/api/health").catch(() => ({}))).head)) item.append(...undoControls(turn.commit));
      }
    }
  } catch (error) {
    showError($("messages"), error);
  }
  loadConversations();
  $("composer-input").focus();
}

function newConversation() {
  if (state.streaming) return;
  state.conversationId = null;
  state.knownTurns = 0;
  keepConversation(null);
  $("messages").replaceChildren();
  $("examples").hidden = false;
  showView("chat");
  loadConversations();
  $("composer-input").focus();
}

// ---------- Revisions ----------

function revisionId(r) { return r.commit || (typeof r.revision === "string" ? r.revision : null) || r.hash || r.id; }
function revisionSubject(r) { return r.subject || (r.message || "").split("\n")[0]; }

async function fetchRevisions() {
  state.revisions = listFrom(await api("/api/revisions"), "revisions");
  return state.revisions;
}

async function loadRevisions(select) {
  const list = $("revision-list");
  try {
    const revisions = await fetchRevisions();
    list.replaceChildren(...revisions.map((r) => {
      const id = revisionId(r);
      const button = el("button", { class: "revision-entry", attrs: { type: "button", "data-revision": id } }, [
        el("code", { class: "revision-id", text: shortRevision(id) }),
        el("span", { class: "revision-subject", text: revisionSubject(r) }),
        el("span", { class: "muted revision-meta", text: [r.author, r.date ? new Date(r.date).toLocaleString() : null].filter(Boolean).join(" · ") })]);
      button.addEventListener("click", () => showRevision(id, undefined, true));
      return el("li", {}, [button]);
    }));
    if (!revisions.length) list.replaceChildren(el("li", { class: "muted", text: "No revisions yet." }));
    const wanted = select || (revisions[0] && revisionId(revisions[0]));
    if (wanted && !$("revision-detail").dataset.revision) showRevision(wanted);
  } catch (error) {
    list.replaceChildren();
    showError(list, error);
  }
}

/** The target names declared in databricks.yml at a revision (for the --target chooser). */
async function targetsAt(rev) {
  try {
    const text = (await fileText(rev, "databricks.yml")) || "";
    const names = [];
    let inside = false;
    let indent = null;
    for (const line of text.split("\n")) {
      if (/^targets:\s*(#.*)?$/.test(line)) { inside = true; continue; }
      if (!inside) continue;
      if (/^\S/.test(line)) break;
      const match = /^(\s+)([A-Za-z0-9_-]+):/.exec(line);
      if (!match) continue;
      if (indent === null) indent = match[1].length;
      if (match[1].length === indent) names.push(match[2]);
    }
    return names;
  } catch (_) {
    return [];
  }
}

// On a narrow screen the detail is below the whole list: a revision or file chosen is scrolled to
// (clicking seemed to do nothing).
function revealOnNarrowScreen(node) {
  if (window.matchMedia("(max-width: 760px)").matches) node.scrollIntoView({ block: "start" });
}

async function showRevision(rev, target, reveal) {
  const detail = $("revision-detail");
  detail.dataset.revision = rev;
  for (const entry of document.querySelectorAll(".revision-entry")) {
    entry.setAttribute("aria-current", String(entry.dataset.revision === rev));
  }
  detail.replaceChildren(el("p", { class: "muted", text: "Loading…" }));
  try {
    const query = target ? `?target=${encodeURIComponent(target)}` : "";
    const revision = await api(`/api/revisions/${encodeURIComponent(rev)}${query}`);
    const id = revisionId(revision) || rev;
    const targets = Array.isArray(revision.targets) ? revision.targets : await targetsAt(id);
    const chooser = el("select", { attrs: { id: "revision-target" } }, [el("option", { text: "All targets (definition)", attrs: { value: "" } }),
      ...targets.map((t) => el("option", { text: t, attrs: { value: t, selected: t === target } }))]);
    // (The detail is drawn again: focus stays on the chooser, as a keyboard user left it.)
    chooser.addEventListener("change", async () => {
      await showRevision(rev, chooser.value || undefined);
      document.getElementById("revision-target")?.focus();
    });
    const transcript = revision.transcript;
    let transcriptNode = null;
    if (Array.isArray(transcript) && transcript.length) {
      transcriptNode = el("ol", { class: "plain-list transcript" }, transcript.map((t) => typeof t === "string" ? el("li", { text: t })
        : el("li", { class: `transcript-${t.speaker || t.role || "entry"}` }, [
          el("span", { class: "transcript-speaker", text: `${t.speaker || t.role || ""}: ` }),
          el("span", { class: "transcript-text", text: t.text || t.content || t.reply || t.request || "" })])));
    } else if (typeof transcript === "string" && transcript.trim()) {
      transcriptNode = el("pre", { class: "transcript", text: transcript });
    }
    // (replaceChildren writes a null as the text "null": a revision without a transcript showed it.)
    detail.replaceChildren(...[
      el("h3", { text: revisionSubject(revision) || shortRevision(id) }),
      el("p", { class: "muted" }, [el("code", { text: shortRevision(id) }), document.createTextNode(revision.author ? ` · ${revision.author}` : "")]),
      el("pre", { class: "revision-message", text: revision.message || "" }),
      transcriptNode ? el("details", { class: "transcript-box", attrs: { open: true } }, [el("summary", { text: "Transcript" }), transcriptNode]) : null,
      el("div", { class: "section-head" }, [el("h4", { text: "Semantic diff" }), el("label", { attrs: { for: "revision-target" }, text: "Target" }), chooser]),
      renderDiff(revision.diff),
      el("div", { class: "card-actions" }, [
        ...(id === state.head ? undoControls(id) : []),
        el("a", { class: "button-link zip-link", text: "Download ZIP", attrs: { href: revision.zip_url || `/api/revisions/${encodeURIComponent(id)}/bundle.zip`, download: true } }),
        el("a", { class: "button-link", text: "Files at this revision", attrs: { href: `#files/${encodeURIComponent(id)}` } })])].filter(Boolean));
    if (reveal) revealOnNarrowScreen(detail);
  } catch (error) {
    detail.replaceChildren();
    showError(detail, error);
  }
}

// ---------- Files ----------

function fileURL(rev, path) {
  return `/api/files/${encodeURIComponent(rev)}/${path.split("/").map(encodeURIComponent).join("/")}`;
}

/** A file's text at a revision; null for a binary file (offered as a download instead). */
async function fileText(rev, path) {
  const response = await reach(fileURL(rev, path), { credentials: "same-origin" });
  if (!response.ok) throw await readError(response);
  const type = response.headers.get("Content-Type") || "";
  if (type.startsWith("application/octet-stream")) return null;
  if (type.includes("json") && !path.endsWith(".json")) {
    const body = await response.json();
    return typeof body.content === "string" ? body.content : JSON.stringify(body, null, 2);
  }
  return response.text();
}

async function loadFilesView(rev, path, line) {
  const select = $("file-revision");
  try {
    const revisions = state.revisions.length ? state.revisions : await fetchRevisions();
    const current = rev || state.fileRevision || "HEAD";
    const options = [el("option", { text: "HEAD", attrs: { value: "HEAD" } }),
      ...revisions.map((r) => el("option", { text: `${shortRevision(revisionId(r))} ${revisionSubject(r)}`, attrs: { value: revisionId(r) } }))];
    if (!options.some((o) => o.value === current)) options.push(el("option", { text: shortRevision(current), attrs: { value: current } }));
    select.replaceChildren(...options);
    select.value = current;
    state.fileRevision = current;
    const listing = await api(`/api/files/${encodeURIComponent(current)}`);
    const files = listFrom(listing, "files").map((f) => (typeof f === "string" ? f : f.path));
    $("file-list").replaceChildren(...files.map((file) => el("li", {}, [
      el("a", { class: "file-link", text: file, attrs: { href: fileHash(current, file), "aria-current": file === path ? "true" : null } })])));
    const shown = path || files.find((f) => f === "databricks.yml") || files[0];
    if (shown) await showFile(current, shown, line);
    if (path && !line) revealOnNarrowScreen($("file-view"));
  } catch (error) {
    $("file-view").replaceChildren();
    showError($("file-view"), error);
  }
}

async function showFile(rev, path, line) {
  const view = $("file-view");
  try {
    const text = await fileText(rev, path);
    if (text === null) {
      view.replaceChildren(el("h3", { class: "file-path", text: path }),
        el("p", {}, [el("span", { class: "muted", text: "A binary file: " }), el("a", { text: "download it", attrs: { href: fileURL(rev, path), download: path.split("/").pop() } })]));
      return;
    }
    const yaml = /\.ya?ml$/i.test(path);
    const code = el("code", { class: yaml ? "language-yaml" : "" });
    const lines = text.replace(/\n$/, "").split("\n");
    lines.forEach((content, index) => {
      const number = index + 1;
      const row = el("span", { class: "code-line", attrs: { id: `L${number}` } }, [
        el("a", { class: "line-number", text: String(number), attrs: { href: fileHash(rev, path, number), "aria-label": `line ${number}` } })]);
      const body = el("span", { class: "line-text" });
      if (yaml) highlightYAMLLine(content, body); else body.textContent = content;
      row.append(body, document.createTextNode("\n"));
      code.append(row);
    });
    const copy = el("button", { class: "copy", text: "Copy", attrs: { type: "button" } });
    const copied = el("span", { class: "muted", attrs: { "aria-live": "polite" } });
    copy.addEventListener("click", async () => {
      copied.textContent = (await copyText(text)) ? "Copied." : "Copy failed: select the text instead.";
    });
    view.replaceChildren(
      el("div", { class: "section-head" }, [el("h3", { class: "file-path", text: path }), el("span", { class: "muted", text: shortRevision(rev) }), copy, copied]),
      el("pre", { class: "code", attrs: { tabindex: "0", "aria-label": `${path} at ${rev}` } }, [code]));
    for (const link of document.querySelectorAll(".file-link")) link.setAttribute("aria-current", String(link.textContent === path));
    if (line) {
      const target = $(`L${line}`);
      if (target) {
        target.classList.add("highlighted");
        target.scrollIntoView({ block: "center" });
        target.querySelector(".line-number").focus();
      }
    }
  } catch (error) {
    view.replaceChildren();
    showError(view, error);
  }
}

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch (_) {
    const area = el("textarea", { class: "offscreen" });
    area.value = text;
    document.body.append(area);
    area.select();
    let ok = false;
    try { ok = document.execCommand("copy"); } catch (_) { ok = false; }
    area.remove();
    return ok;
  }
}

/**
 * A small YAML highlighter for one line: appends spans (key, string, number, boolean, comment,
 * interpolation, punctuation) to `into`, built with DOM calls so the text stays text.
 */
function highlightYAMLLine(line, into) {
  const put = (text, kind) => { if (text) into.append(kind ? el("span", { class: `yaml-${kind}`, text }) : document.createTextNode(text)); };
  const comment = commentStart(line);
  const code = comment < 0 ? line : line.slice(0, comment);
  let rest = code;
  const lead = /^(\s*)((?:-\s+)*)/.exec(rest);
  put(lead[1]);
  if (lead[2]) put(lead[2], "punctuation");
  rest = rest.slice(lead[0].length);
  if (/^(---|\.\.\.)\s*$/.test(rest)) { put(rest, "punctuation"); rest = ""; }
  const key = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{[\]},][^:#]*?)(\s*:)(?=\s|$)/.exec(rest);
  if (key) {
    put(key[1], "key");
    put(key[2], "punctuation");
    rest = rest.slice(key[0].length);
  }
  highlightYAMLValue(rest, put);
  if (comment >= 0) put(line.slice(comment), "comment");
}

function highlightYAMLValue(value, put) {
  const match = /^(\s*)(.*?)(\s*)$/.exec(value);
  put(match[1]);
  const scalar = match[2];
  if (!scalar) { put(match[3]); return; }
  let kind = "string";
  if (/^[|>][-+0-9]*$/.test(scalar) || /^[&*!][^\s]*$/.test(scalar)) kind = "punctuation";
  else if (/^(true|false|yes|no|on|off|null|~)$/i.test(scalar)) kind = "boolean";
  else if (/^[-+]?(\d[\d_]*(\.\d*)?([eE][-+]?\d+)?|0x[0-9a-fA-F]+|\.inf|\.nan)$/.test(scalar)) kind = "number";
  if (kind === "string") {
    // ${var.name} and ${resources.jobs.x.id} inside a string stand out.
    let last = 0;
    const pattern = /\$\{[^}]*\}/g;
    let found;
    while ((found = pattern.exec(scalar))) {
      put(scalar.slice(last, found.index), "string");
      put(found[0], "interpolation");
      last = found.index + found[0].length;
    }
    put(scalar.slice(last), "string");
  } else {
    put(scalar, kind);
  }
  put(match[3]);
}

/** Where a comment starts on a YAML line (a # at the start or after a space, outside quotes), or -1. */
function commentStart(line) {
  let quote = null;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (quote) {
      if (c === "\\" && quote === '"') i += 1;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      if (i === 0 || /[\s:[{,-]/.test(line[i - 1])) quote = c;
    } else if (c === "#" && (i === 0 || /\s/.test(line[i - 1]))) {
      return i;
    }
  }
  return -1;
}

// ---------- Validation ----------

function findingLink(finding) {
  const where = [finding.file, finding.line, finding.column].filter((v) => v !== undefined && v !== null).join(":");
  if (!finding.file) return el("span", { text: where || "bundle" });
  const href = fileHash("HEAD", finding.file, finding.line);
  return el("a", { class: "finding-location", text: where, attrs: { href } });
}

function targetsNote(finding) {
  const targets = Array.isArray(finding.targets) ? finding.targets : finding.target ? [finding.target] : [];
  return targets.length ? el("span", { class: "muted", text: ` (${targets.join(", ")})` }) : null;
}

function findingsList(findings, title) {
  const box = el("div", { class: "findings-list" });
  if (title) box.append(el("p", { text: title }));
  if (!findings.length) { box.append(el("p", { class: "ok", text: "No findings: every target is valid." })); return box; }
  box.append(el("ul", { class: "plain-list" }, findings.map((f) => el("li", { class: `finding finding-${f.severity || "error"}` }, [
    el("span", { class: "severity", text: f.severity || "error" }), findingLink(f),
    el("span", { class: "finding-message", text: ` ${f.message || ""}` }),
    f.rule ? el("code", { class: "muted rule", text: f.rule }) : null,
    targetsNote(f)]))));
  return box;
}

async function validate() {
  const box = $("findings");
  // (It checks the working tree, whatever revision the files view shows: said.)
  box.replaceChildren(el("p", { class: "muted", text: "Validating all targets of the working tree…" }));
  try {
    const result = await api("/api/validate", { json: {} });
    // (What happened before validating — an interrupted revision put back — is said above the findings.)
    box.replaceChildren(...(result.notices || []).map((notice) => el("p", { class: "progress notice", text: notice })),
      findingsList(listFrom(result, "findings", "diagnostics"), result.summary),
      el("p", { class: "muted", text: "Checked: the working tree (the files as they are now), every target." }));
  } catch (error) {
    box.replaceChildren();
    showError(box, error);
  }
}

// ---------- Routing (#revisions/REV, #files/REV/PATH:LINE) ----------

// A file's link: each part of its path encoded (a name with %, # or ":12" of its own is that name),
// the line after an unencoded colon.
function fileHash(rev, path, line) {
  const encoded = path.split("/").map(encodeURIComponent).join("/");
  return `#files/${encodeURIComponent(rev)}/${encoded}${line ? `:${line}` : ""}`;
}

function decoded(text) {
  try { return decodeURIComponent(text); } catch (_) { return text; }
}

function route() {
  const hash = location.hash.slice(1);
  if (hash.startsWith("revisions/")) {
    showView("revisions");
    showRevision(decoded(hash.slice("revisions/".length)), undefined, true);
  } else if (hash.startsWith("files/")) {
    const rest = hash.slice("files/".length);
    const slash = rest.indexOf("/");
    const rev = decoded(slash < 0 ? rest : rest.slice(0, slash));
    let path = slash < 0 ? undefined : rest.slice(slash + 1);
    let line;
    const numbered = path && /^(.*):(\d+)$/.exec(path);
    if (numbered) { path = numbered[1]; line = Number(numbered[2]); }
    if (path !== undefined) path = path.split("/").map(decoded).join("/");
    document.body.classList.remove("conversations-open");
    for (const button of document.querySelectorAll(".view-button")) button.setAttribute("aria-pressed", String(button.dataset.view === "files"));
    for (const view of document.querySelectorAll(".view")) view.hidden = view.id !== "view-files";
    loadFilesView(rev, path, line);
  }
}

// ---------- Start ----------

function start() {
  for (const button of document.querySelectorAll(".view-button")) {
    button.addEventListener("click", () => { history.replaceState(null, "", location.pathname); showView(button.dataset.view); });
  }
  const input = $("composer-input");
  $("composer").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value;
    if (!text.trim() || state.streaming) return;
    // Over the server's limit: said here, the text kept in the box to shorten.
    const size = new TextEncoder().encode(text.trim()).length;
    if (size > longestRequest) {
      messageItem("agent", [el("p", { class: "error", attrs: { role: "alert" },
        text: `The request is ${Math.ceil(size / 1000)} KB long; say the change in fewer words (at most ${longestRequest / 1000} KB), or write the YAML with apply or edit. It is still in the box.` })]);
      return;
    }
    input.value = "";
    send(text);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $("composer").requestSubmit();
    }
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && state.streaming) { event.preventDefault(); stop(); }
  });
  $("stop").addEventListener("click", stop);
  for (const example of document.querySelectorAll(".example")) {
    example.addEventListener("click", () => { input.value = example.textContent; input.focus(); });
  }
  $("new-conversation").addEventListener("click", newConversation);
  $("refresh-revisions").addEventListener("click", () => { $("revision-detail").dataset.revision = ""; loadRevisions(); });
  $("file-revision").addEventListener("change", (event) => { location.hash = `files/${encodeURIComponent(event.target.value)}`; });
  $("validate").addEventListener("click", validate);
  window.addEventListener("hashchange", route);
  loadHealth();
  loadConversations();
  setInterval(loadHealth, 30000);
  // Back to this tab: HEAD may have moved (another tab, the terminal).
  document.addEventListener("visibilitychange", () => { if (!document.hidden) loadHealth(); });
  window.addEventListener("focus", loadHealth);
  claimTab();
  if (location.hash) route();
  else if (keptConversation()) openConversation(keptConversation());
  input.focus();
}

document.addEventListener("DOMContentLoaded", start);
