// The restore screen: the ERP's "restauração de backup" (table list with last change and
// record count, right-click select all, "Selecionar backup", "Restaurar backup", the
// ERP's messages until "Processamento efetuado."), on the JSON API of `resgate ui`.
// No framework, no build step, nothing from the internet.
"use strict";

const $ = (id) => document.getElementById(id);
const state = {
  lang: localStorage.getItem("resgate.lang") || "pt",
  token: "", tables: [], selected: new Set(), expanded: new Set(),
  sort: { key: "name", dir: 1 }, filter: "", onlyDamaged: false,
  sets: [], chosenSet: null, pendingSet: null, running: null, messages: [], bars: new Map(),
  lastResult: null, locks: [], focusRow: null, menuReturn: null,
};
const W = () => window.WORDS[state.lang];

// ---------- API ----------
class ApiError extends Error {
  constructor(status, body) { super(body && body.message ? body.message[state.lang] : String(status)); this.status = status; this.body = body; }
}
async function api(path, body) {
  const opts = { headers: { "X-Resgate-Token": state.token }, cache: "no-store" };
  if (body !== undefined) {
    opts.method = "POST";
    opts.headers["Content-Type"] = "application/json";
    opts.body = JSON.stringify(body);
  }
  const res = await fetch(path, opts);
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}
const withLang = (path) => path + (path.includes("?") ? "&" : "?") + "lang=" + state.lang;

// Starts an operation and follows its live events until it ends; resolves to its snapshot.
async function operation(path, body, kind) {
  const started = await api(path, Object.assign({ lang: state.lang }, body));
  beginProgress(kind, started.operation);
  if (kind === "preview") addMessage(W().previewNote);
  try {
    await followEvents(started.events, {
      message: (e) => addMessage(e),
      plan: (e) => setBar(e.table, 0, e.expected, false),
      progress: (e) => { setBar(e.table, e.records, e.expected, false, e); busyFigures(kind, e); },
      tableDone: (e) => { setBar(e.table, e.records, e.records, true); busyFigures(kind, null); },
    });
    let snap = await api("/api/operations/" + started.operation);
    while (snap.state === "running") { // the stream broke early: ask until it ends
      await new Promise((r) => setTimeout(r, 300));
      snap = await api("/api/operations/" + started.operation);
    }
    return snap;
  } finally {
    endProgress();
  }
}

// Server-sent events read through fetch, so the token goes in a header like every other
// call (EventSource could only put it in the address).
async function followEvents(path, handlers) {
  const res = await fetch(path, { headers: { "X-Resgate-Token": state.token, Accept: "text/event-stream" }, cache: "no-store" });
  if (!res.ok) throw new ApiError(res.status, await res.json().catch(() => null));
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let type = "message";
      let data = "";
      for (const line of frame.split("\n")) {
        if (line.startsWith("event: ")) type = line.slice(7);
        else if (line.startsWith("data: ")) data += line.slice(6);
      }
      if (type === "end") return;
      if (data && handlers[type]) handlers[type](JSON.parse(data));
    }
  }
}

// ---------- words ----------
function applyWords() {
  document.documentElement.lang = state.lang === "pt" ? "pt-BR" : "en";
  document.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = W()[el.dataset.i18n]; });
  document.querySelectorAll("[data-i18n-placeholder]").forEach((el) => { el.placeholder = W()[el.dataset.i18nPlaceholder]; });
  document.querySelectorAll("[data-i18n-title]").forEach((el) => { el.title = W()[el.dataset.i18nTitle]; });
  document.querySelectorAll("[data-lang]").forEach((b) => b.classList.toggle("on", b.dataset.lang === state.lang));
  document.title = "Resgate — " + W().title;
  renderTables(); renderChosenSet(); renderMessages();
  if (state.lastResult) renderResult(state.lastResult.kind, state.lastResult.snap);
}
const fmtInt = (n) => (n === null || n === undefined) ? "–" : Number(n).toLocaleString(state.lang === "pt" ? "pt-BR" : "en-US");
function fmtBytes(n) {
  const u = ["B", "KB", "MB", "GB"]; let i = 0; let v = n;
  while (v >= 1024 && i < u.length - 1) { v /= 1024; i++; }
  return i === 0 ? `${n} B` : `${v.toFixed(1).replace(".", state.lang === "pt" ? "," : ".")} ${u[i]}`;
}
function fmtDate(iso) {
  if (!iso) return "–";
  const [d, t] = iso.split("T");
  const [y, m, dd] = d.split("-");
  const date = state.lang === "pt" ? `${dd}/${m}/${y}` : d;
  return t ? `${date} ${t.slice(0, 5)}` : date;
}
function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v; else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? "" : v);
  }
  for (const k of kids.flat()) if (k !== null && k !== undefined) e.append(k instanceof Node ? k : String(k));
  return e;
}
function banner(text) { const b = $("banner"); b.textContent = text || ""; b.hidden = !text; }

// ---------- tables ----------
async function loadTables() {
  $("table-body").replaceChildren(el("tr", { class: "placeholder" }, el("td", { colspan: 6 }, W().scanning)));
  const doc = await api(withLang("/api/tables"));
  state.tables = doc.tables;
  state.locks = doc.locks || [];
  const names = new Set(doc.tables.map((t) => t.name));
  state.selected = new Set([...state.selected].filter((n) => names.has(n)));
  renderTables();
}
function visibleTables() {
  const f = state.filter.trim().toUpperCase();
  const rows = state.tables.filter((t) => (!f || t.name.includes(f)) && (!state.onlyDamaged || t.health !== "ok"));
  const { key, dir } = state.sort;
  const val = (t) => key === "health" ? (t.health === "ok" ? 0 : 1) : (t[key] ?? "");
  return rows.sort((a, b) => (val(a) < val(b) ? -dir : val(a) > val(b) ? dir : a.name < b.name ? -1 : 1));
}
function renderTables() {
  const body = $("table-body");
  if (!state.tables.length) return;
  const hadFocus = body.contains(document.activeElement);
  const rows = [];
  for (const t of visibleTables()) {
    const sel = state.selected.has(t.name);
    const bad = t.health !== "ok";
    const tip = t.defects.map((d) => d.message).join("\n");
    const health = bad
      ? el("button", { type: "button", class: "badge bad", title: tip, onclick: (ev) => { ev.stopPropagation(); toggleExpand(t.name); } },
          `${W().damaged}${t.indexOnly ? " (" + W().indexOnly + ")" : ""} · ${t.defects.length}`)
      : el("span", { class: "badge ok", title: tip || null }, W().ok + (t.defects.length ? ` · ${t.defects.length}` : ""));
    rows.push(el("tr", { class: (sel ? "selected " : "") + (bad ? "damaged" : ""), "data-table": t.name,
                          onclick: () => toggleSelect(t.name) },
      el("td", { class: "sel" }, el("input", { type: "checkbox", checked: sel, "aria-label": t.name,
                                               onclick: (ev) => { ev.stopPropagation(); toggleSelect(t.name); } })),
      el("td", { class: "name", title: t.file }, t.name),
      el("td", { class: "date" }, fmtDate(t.lastUpdate)),
      el("td", { class: "num" }, fmtInt(t.records)),
      el("td", { class: "num" }, fmtBytes(t.bytes)),
      el("td", { class: "health" }, lockBadge(t.name) ? [lockBadge(t.name), bad ? health : null] : health)));
    if (state.expanded.has(t.name) && t.defects.length) {
      rows.push(el("tr", { class: "defects-row" }, el("td", {}), el("td", { colspan: 5 },
        el("ul", { class: "defects" }, t.defects.map((d) => el("li", { class: d.severity },
          [d.record ? `${W().record} ${d.record}` : null, d.field].filter(Boolean).join(", ") + (d.record || d.field ? ": " : "") + d.message))))));
    }
  }
  body.replaceChildren(...rows);
  afterRenderTables(hadFocus);
  const damaged = state.tables.filter((t) => t.health !== "ok").length;
  $("table-counts").textContent = W().counts(state.tables.length, damaged);
  $("select-all-box").checked = state.selected.size > 0 && state.selected.size === state.tables.length;
  $("selection-summary").textContent = state.selected.size ? W().selected(state.selected.size, state.tables.length) : W().noneSelected;
  document.querySelectorAll("th[data-sort]").forEach((th) => {
    th.classList.toggle("sorted", th.dataset.sort === state.sort.key);
    th.dataset.dir = state.sort.dir > 0 ? "asc" : "desc";
  });
}
function toggleSelect(name) { state.selected.has(name) ? state.selected.delete(name) : state.selected.add(name); renderTables(); }
function toggleExpand(name) { state.expanded.has(name) ? state.expanded.delete(name) : state.expanded.add(name); renderTables(); }
function selectAll(which) {
  if (which === "none") state.selected.clear();
  else if (which === "damaged") state.selected = new Set(state.tables.filter((t) => t.health !== "ok").map((t) => t.name));
  else state.selected = new Set(visibleTables().map((t) => t.name));
  renderTables();
}
function showMenu(ev) {
  ev.preventDefault();
  openMenuAt(ev.clientX, ev.clientY);
}

// ---------- backups ----------
async function openBackupChooser() {
  const doc = await api(withLang("/api/backups"));
  state.sets = doc.sets;
  state.pendingSet = state.chosenSet ? state.chosenSet.id : (doc.sets[0] && doc.sets[0].id);
  $("backup-root").textContent = doc.root ? W().backupRoot(doc.root) : W().noBackupsRoot;
  renderSets();
  $("backup-dialog").showModal();
}
function verification(s) {
  if (!s.verification) return el("span", { class: "badge muted" }, W().notVerified);
  return s.verification.ok ? el("span", { class: "badge ok" }, W().verifiedOk)
                           : el("span", { class: "badge bad" }, W().verifiedBad(s.verification.defects));
}
function renderSets() {
  const body = $("sets-body");
  if (!state.sets.length) { body.replaceChildren(el("tr", {}, el("td", { colspan: 7 }, W().noSets))); return; }
  body.replaceChildren(...state.sets.map((s) => el("tr", {
      class: s.id === state.pendingSet ? "selected" : "", "data-set": s.id,
      onclick: () => { state.pendingSet = s.id; renderSets(); },
      ondblclick: () => { state.pendingSet = s.id; useBackup(); } },
    el("td", { class: "sel" }, el("input", { type: "radio", name: "set", checked: s.id === state.pendingSet, "aria-label": s.name })),
    el("td", {}, fmtDate(s.date)), el("td", { class: "name" }, s.slot || s.name,
      explainSlot(s.slot || s.name) ? el("div", { class: "muted small" }, explainSlot(s.slot || s.name)) : null),
    el("td", {}, kindText(s)), el("td", { class: "num" }, fmtBytes(s.bytes)), el("td", { class: "num" }, s.tables),
    el("td", {}, verification(s)))));
}
// A folder (or zip) of DBF tables is offered beside the sets: say which one it is.
function kindText(s) { return s.content === "tables" ? `${W().tableFolder} (${s.kind})` : s.kind; }
function useBackup() {
  state.chosenSet = state.sets.find((s) => s.id === state.pendingSet) || null;
  $("backup-dialog").close();
  renderChosenSet();
}
function renderChosenSet() {
  const box = $("chosen-set");
  const s = state.chosenSet;
  box.classList.toggle("empty", !s);
  markRestoreButton();
  if (!s) { box.textContent = W().noBackup; return; }
  box.replaceChildren(el("div", { class: "set-name" }, s.slot || s.name, el("span", { class: "muted" }, " · " + s.id)),
    explainSlot(s.slot || s.name) ? el("div", { class: "muted" }, explainSlot(s.slot || s.name)) : null,
    el("div", { class: "muted" }, `${fmtDate(s.date)} · ${kindText(s)} · ${fmtBytes(s.bytes)} · ${W().setTables(s.tables)} · ${s.manifest ? W().manifest : W().noManifest}`),
    el("div", {}, verification(s)));
}
async function refreshChosenSet() {
  if (!state.chosenSet) return;
  const doc = await api(withLang("/api/backups"));
  state.sets = doc.sets;
  state.chosenSet = doc.sets.find((s) => s.id === state.chosenSet.id) || state.chosenSet;
  renderChosenSet();
}

// ---------- progress ----------
function beginProgress(kind, id) {
  state.running = { kind, id };
  state.messages = []; state.bars = new Map();
  $("bars").replaceChildren();
  renderMessages();
  $("busy").hidden = false;
  $("busy-text").textContent = W().running[kind] || "…";
  $("cancel").disabled = !["compare", "restore", "preview"].includes(kind);
  document.querySelectorAll(".actions button, #verify, #compare, #restore, #undo, #check, #rescan, #choose-backup")
    .forEach((b) => { b.disabled = true; });
}
function endProgress() {
  state.running = null;
  $("busy").hidden = true;
  $("cancel").disabled = true;
  document.querySelectorAll("#verify, #compare, #restore, #undo, #check, #rescan, #choose-backup").forEach((b) => { b.disabled = false; });
}
// The running table's figures beside the busy sign at the top, always in sight (the bars
// may be below the fold at 1366x768): "Lendo o backup… VENDAS: 3% (…), faltam 1 min 48 s".
function busyFigures(kind, e) {
  const what = W().running[kind] || "…";
  $("busy-text").textContent = e && e.pt ? `${what} ${e.table}: ${e[state.lang] || e.pt}` : what;
}
function addMessage(e) { state.messages.push(e); renderMessages(); }
function renderMessages() {
  const list = $("messages");
  list.replaceChildren(...state.messages.map((m) => el("li", {}, m[state.lang] || m.pt)));
  list.scrollTop = list.scrollHeight;
}
// `ev`: a progress event, with its figures in words from the server's catalogue
// ("45% (1.350.000 de 3.000.000 registros), faltam 12 s") and the step when a table has
// two bars (a comparison's copy, then its diff).
function setBar(table, records, expected, done, ev) {
  const key = ev && ev.step ? ev.step + ":" + table : table;
  let b = state.bars.get(key);
  if (!b) {
    b = { row: el("div", { class: "bar-row" }), name: el("span", { class: "bar-name", title: table }, table),
          bar: el("progress", { max: 1 }), count: el("span", { class: "bar-count" }),
          words: el("span", { class: "bar-words" }) };
    b.row.append(b.name, b.bar, b.count, b.words);
    $("bars").append(b.row);
    state.bars.set(key, b);
  }
  b.words.textContent = done || !ev || !ev.pt ? "" : (ev[state.lang] || ev.pt);
  if (done) { b.bar.max = 1; b.bar.value = 1; b.row.classList.add("written"); }
  else if (expected) { b.bar.max = expected; b.bar.value = Math.min(records, expected); }
  else if (records) { b.bar.removeAttribute("value"); }
  b.count.textContent = ev && ev.percent !== undefined && !done ? ev.percent + "%"
    : fmtInt(records) + (expected && !done ? " / " + fmtInt(expected) : "");
}

// ---------- actions ----------
function need(setToo) {
  if (setToo && !state.chosenSet) { banner(W().needBackup); return false; }
  if (!state.selected.size) { banner(W().needTables); return false; }
  banner(""); return true;
}
async function guarded(f) {
  try { await f(); } catch (e) { endProgressIfIdle(); banner(e.message || String(e)); }
}
function endProgressIfIdle() { if (state.running) endProgress(); }
const selectedTables = () => [...state.selected].sort();
const keyFields = () => $("diff-key").value.split(",").map((s) => s.trim()).filter(Boolean);

async function doVerify() {
  if (!state.chosenSet) { banner(W().needBackup); return; }
  banner("");
  const snap = await operation("/api/verify", { set: state.chosenSet.id }, "verify");
  showResult("verify", snap);
  await refreshChosenSet();
}
async function doCompare() {
  if (!need(true)) return;
  const snap = await operation("/api/compare", { set: state.chosenSet.id, tables: selectedTables(), key: keyFields() }, "compare");
  showResult("compare", snap);
}
// doRestore: screen.js (the confirmation, a damaged backup's choices, refusals, the verdict)
function ask(dialog, yesId, noId) {
  return new Promise((resolve) => {
    const done = (v) => { dialog.close(); $(yesId).onclick = null; $(noId).onclick = null; resolve(v); };
    $(yesId).onclick = () => done(true);
    $(noId).onclick = () => done(false);
    dialog.oncancel = () => resolve(false);
    dialog.showModal();
  });
}
async function openUndo() {
  const doc = await api("/api/snapshots");
  const body = $("snapshots-body");
  if (!doc.snapshots.length) body.replaceChildren(el("tr", {}, el("td", { colspan: 6 }, W().noSnapshots)));
  else body.replaceChildren(...doc.snapshots.map((s) => el("tr", { "data-snapshot": s.id },
    el("td", {}, fmtDate(s.created)), el("td", {}, s.operation + (s.source ? ` (${s.source})` : "")),
    el("td", { class: "name wrap" }, s.tables.join(", ")), el("td", { class: "num" }, fmtBytes(s.bytes)),
    el("td", {}, s.undoneBy ? W().undoneBy(s.undoneBy) : s.state),
    el("td", {}, el("button", { type: "button", class: "undo-one", disabled: !!s.undoneBy || s.state === "prepared",
      onclick: () => guarded(() => doUndo(s)) }, W().undoThis)))));
  $("undo-dialog").showModal();
}
async function doUndo(s) {
  if (!window.confirm(W().confirmUndo(s.tables.join(", ")))) return;
  $("undo-dialog").close();
  const snap = await operation("/api/undo", { id: s.id }, "undo");
  showResult("undo", snap);
  await loadTables();
}
async function doCheck() {
  const snap = await operation("/api/check", {}, "check");
  showResult("check", snap);
}

// ---------- wiring ----------
function wire() {
  document.querySelectorAll("[data-lang]").forEach((b) => b.addEventListener("click", () => {
    state.lang = b.dataset.lang; localStorage.setItem("resgate.lang", state.lang); applyWords();
  }));
  $("filter").addEventListener("input", (e) => { state.filter = e.target.value; renderTables(); });
  $("only-damaged").addEventListener("change", (e) => { state.onlyDamaged = e.target.checked; renderTables(); });
  $("select-all-box").addEventListener("change", (e) => selectAll(e.target.checked ? "all" : "none"));
  document.querySelectorAll("th[data-sort]").forEach((th) => th.addEventListener("click", () => {
    const k = th.dataset.sort;
    state.sort = { key: k, dir: state.sort.key === k ? -state.sort.dir : (k === "name" ? 1 : -1) };
    renderTables();
  }));
  $("table-wrap").addEventListener("contextmenu", showMenu);
  $("context-menu").addEventListener("click", (e) => {
    const a = e.target.closest("li"); if (!a) return;
    closeMenu(); selectAll(a.dataset.action);
  });
  document.addEventListener("click", (e) => { if (!e.target.closest("#context-menu")) $("context-menu").hidden = true; });
  document.addEventListener("keydown", (e) => { if (e.key === "Escape" && !$("context-menu").hidden) closeMenu(); });
  $("rescan").addEventListener("click", () => guarded(loadTables));
  $("choose-backup").addEventListener("click", () => guarded(openBackupChooser));
  $("backup-use").addEventListener("click", useBackup);
  $("backup-cancel").addEventListener("click", () => $("backup-dialog").close());
  $("verify").addEventListener("click", () => guarded(doVerify));
  $("compare").addEventListener("click", () => guarded(doCompare));
  $("restore").addEventListener("click", () => guarded(doRestore));
  $("undo").addEventListener("click", () => guarded(openUndo));
  $("undo-close").addEventListener("click", () => $("undo-dialog").close());
  $("check").addEventListener("click", () => guarded(doCheck));
  $("cancel").addEventListener("click", () => guarded(() => api("/api/cancel", state.running ? { id: state.running.id } : {})));
}

async function start() {
  const m = /token=([0-9a-f]+)/.exec(location.hash) || /token=([0-9a-f]+)/.exec(sessionStorage.getItem("resgate.token") || "");
  if (m) { state.token = m[1]; sessionStorage.setItem("resgate.token", "token=" + m[1]); }
  if (location.hash) history.replaceState(null, "", location.pathname); // out of sight and history
  wire();
  applyWords();
  if (!state.token) { banner(W().noToken); return; }
  try {
    const info = await api("/api/info");
    $("data-path").textContent = info.data;
    if (!localStorage.getItem("resgate.lang")) { state.lang = info.language; applyWords(); }
    await loadTables();
  } catch (e) { banner(e.message || String(e)); }
}
document.addEventListener("DOMContentLoaded", start);
