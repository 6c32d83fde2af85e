// What the screen says at the risky moments (issue 16): the restore's confirmation (with
// the choices for a damaged backup), a refusal banner with every reason and "Nada foi
// alterado", tables the ERP holds open, the numbering verdict first, the handover report,
// and the keyboard (the select-all menu, a single Tab stop in the table list).
// Uses the helpers of app.js and results.js.
"use strict";

// ---------- restore ----------
async function doRestore() {
  if (!need(true)) return;
  hideRefusal(); hideVerdict();
  const body = { set: state.chosenSet.id, tables: selectedTables() };
  let opts = { skipBadLines: false, blankMemos: false };
  for (;;) {
    // the plain dry run, then (when it is not refused) the merge's, for the dialog's option
    const preview = await operation("/api/restore", Object.assign({ dryRun: true, mergePreview: true }, body, opts), "preview");
    const report = preview.result && preview.result.restore;
    if (!report || preview.state !== "done") { showResult("preview", preview); return; }
    markBars(report, "preview");
    const refused = report.tables.filter((t) => t.status !== "would-restore");
    const damaged = refused.filter((t) => t.defects.length);
    if (report.refusal || refused.length) {
      const onlyDefects = damaged.length && refused.every((t) => t.defects.length || !t.reason || t.reason === W().withOthers);
      const locks = preview.result.locks || [];
      if (onlyDefects && !locks.length && !(opts.skipBadLines && opts.blankMemos)) {
        const chosen = await askDamaged(report, damaged, opts);
        if (!chosen) { showResult("preview", preview); showRefusal(report, locks, "preview"); return; }
        opts = chosen;
        continue;
      }
      showResult("preview", preview);
      showRefusal(report, locks, "preview");
      return;
    }
    const chosen = await confirmRestore(report, opts, preview.result.merge);
    if (!chosen.ok) return;
    const snap = await operation("/api/restore", Object.assign({ merge: chosen.merge }, body, opts), "restore");
    showResult("restore", snap);
    const r = snap.result;
    if (r && r.restore) {
      markBars(r.restore, "restore");
      if (r.restore.refusal || r.restore.tables.some((t) => t.status !== "restored")) showRefusal(r.restore, r.locks || [], "restore");
      if (r.verdict) showVerdict(r.verdict, r.handover);
    }
    await loadTables();
    return;
  }
}

function confirmRows(tables, damaged) {
  $("confirm-body").replaceChildren(...tables.map((t) => el("tr", {},
    el("td", { class: "name" }, t.name), el("td", { class: "num strong" }, fmtInt(t.replaced)),
    el("td", { class: "num" }, t.status === "would-restore" ? fmtInt(t.records) : "—"),
    damaged ? el("td", { class: "wrap" }, el("ul", { class: "defects" }, t.defects.slice(0, 5).map((d) => el("li", { class: "error", title: d }, d))))
            : el("td", { class: "wrap", title: notesText(t) }, notesText(t)))));
}
function notesText(t) {
  const parts = [mappingText(t)];
  if (t.skippedLines) parts.push(W().skippedLines(t.skippedLines));
  if (t.memoBlanked) parts.push(W().memosBlanked);
  if (t.status !== "would-restore" && t.reason) parts.push(t.reason);
  if (t.defects.length) parts.push(W().defectsFound(t.defects.length));
  return parts.join(" — ");
}
// After a verification that found defects, "Restaurar backup" says so: it is not the normal path.
function markRestoreButton() {
  const b = $("restore");
  b.classList.toggle("damaged-set", !!damagedSet());
  b.textContent = damagedSet() ? W().restoreDamaged : W().restore;
  b.title = damagedSet() ? W().restoreDamagedTip(state.chosenSet.verification.defects) : "";
}
// What the confirmation says it restores from: a backup, or a folder of corrected tables.
function confirmSetText(report) {
  const when = `(${fmtDate(state.chosenSet.date)})`;
  return report.sourceKind === "tables" ? `${W().correctedFrom(state.chosenSet.id)} ${when}`
                                        : `${W().backup}: ${state.chosenSet.id} ${when}`;
}
function damagedSet() { return state.chosenSet && state.chosenSet.verification && !state.chosenSet.verification.ok; }

// The normal confirmation, naming each table, what is deleted and what comes back; after a
// damaged verification it says so, with the choices that were made; with a merge preview,
// the option to keep what was done after the backup (merge.js). Answers {ok, merge}.
async function confirmRestore(report, opts, merge) {
  confirmRows(report.tables);
  $("confirm-set").textContent = confirmSetText(report);
  const box = $("damaged-options");
  const damaged = damagedSet() || opts.skipBadLines || opts.blankMemos;
  box.hidden = !damaged;
  $("confirm-dialog").classList.toggle("damaged", !!damaged);
  $("opt-skip-bad-lines").checked = opts.skipBadLines; $("opt-blank-memos").checked = opts.blankMemos;
  $("opt-skip-bad-lines").disabled = true; $("opt-blank-memos").disabled = true;
  $("damaged-text").textContent = damagedSet() ? W().damagedVerified(state.chosenSet.verification.defects) : "";
  $("confirm-yes").textContent = W().confirmYes;
  $("confirm-yes").disabled = false;
  const merging = mergeOptionFor(report, merge);
  const ok = await ask($("confirm-dialog"), "confirm-yes", "confirm-no");
  return { ok, merge: ok && merging() };
}

// A backup whose tables have defects: the two choices, each with its consequence; answers
// the options to read it again with, or null.
async function askDamaged(report, damaged, opts) {
  mergeOptionFor(report, null);
  confirmRows(damaged, true);
  $("confirm-set").textContent = confirmSetText(report);
  $("damaged-options").hidden = false;
  $("confirm-dialog").classList.add("damaged");
  const skip = $("opt-skip-bad-lines"), blank = $("opt-blank-memos"), yes = $("confirm-yes");
  skip.disabled = false; blank.disabled = false;
  skip.checked = opts.skipBadLines; blank.checked = opts.blankMemos;
  $("damaged-text").textContent = W().damagedRefused(damaged.map((t) => t.name).join(", "));
  yes.textContent = W().readAgain;
  const sync = () => { yes.disabled = !(skip.checked || blank.checked) || (skip.checked === opts.skipBadLines && blank.checked === opts.blankMemos); };
  skip.onchange = sync; blank.onchange = sync; sync();
  const ok = await ask($("confirm-dialog"), "confirm-yes", "confirm-no");
  skip.onchange = null; blank.onchange = null;
  return ok ? { skipBadLines: skip.checked, blankMemos: blank.checked } : null;
}

// ---------- the banners at the top ----------
function showRefusal(report, locks, kind) {
  const reasons = [];
  const refused = report.tables.filter((t) => t.status !== "restored" && t.status !== "would-restore");
  const own = refused.filter((t) => t.reason && t.reason !== W().withOthers);
  const others = refused.filter((t) => !t.reason || t.reason === W().withOthers);
  if (report.refusal && !own.some((t) => t.reason === report.refusal)) reasons.push(report.refusal);
  for (const t of own) {
    const lock = locks.find((l) => l.table === t.name);
    reasons.push(`${t.name}: ${t.reason}` + (lock ? ` — ${W().inUse}` : ""));
  }
  for (const l of locks) if (!own.some((t) => t.name === l.table)) reasons.push(`${l.table}: ${l.message[state.lang] || l.message.pt}`);
  if (others.length) reasons.push(W().othersRefused(others.map((t) => t.name).join(", ")));
  $("refusal-title").textContent = kind === "compare" ? W().compareRefused : W().resultPreviewRefused;
  $("refusal-reasons").replaceChildren(...[...new Set(reasons)].map((r) => el("li", { title: r }, r)));
  $("retry").hidden = !locks.length;
  $("refusal").hidden = false;
  $("refusal").scrollIntoView({ block: "start" });
}
function hideRefusal() { $("refusal").hidden = true; }

function verdictNodes(v, handover) {
  const nodes = v.lines.map((l) => el("div", { class: "verdict-line" }, l[state.lang] || l.pt));
  if (v.howTo) nodes.push(el("div", { class: "verdict-how" }, v.howTo[state.lang] || v.howTo.pt));
  if (handover) nodes.push(reportLink(handover));
  return nodes;
}
function reportLink(h) {
  return el("div", { class: "report-link" }, el("a", { href: h.url + "?token=" + state.token, target: "_blank",
    rel: "noopener", id: "report-link" }, W().printableReport), el("span", { class: "muted" }, " · " + h.path));
}
function showVerdict(v, handover) {
  const box = $("verdict");
  box.className = "banner verdict " + v.state;
  box.replaceChildren(...verdictNodes(v, handover));
  box.hidden = false;
  window.scrollTo({ top: 0, behavior: "instant" });
}
function hideVerdict() { $("verdict").hidden = true; }

// ---------- bars: green only for what was really written ----------
function markBars(report, kind) {
  for (const t of report.tables) {
    const b = state.bars.get(t.name);
    if (!b) continue;
    b.row.classList.remove("done", "refused", "read", "written");
    if (t.status === "restored" && kind === "restore") b.row.classList.add("done");
    else if (t.status === "restored" || t.status === "would-restore") b.row.classList.add("read");
    else { b.row.classList.add("refused"); b.count.textContent = "—"; b.row.title = t.reason || W().withOthers; }
  }
}

// ---------- tables the ERP holds ----------
function lockBadge(name) {
  const l = (state.locks || []).find((x) => x.table === name);
  if (!l) return null;
  const text = l.message[state.lang] || l.message.pt;
  return el("span", { class: "badge lock", title: text }, W().inUse);
}

// ---------- backup names ----------
const DAYS = { domingo: 0, segunda: 1, terca: 2, "terça": 2, quarta: 3, quinta: 4, sexta: 5, sabado: 6, "sábado": 6 };
function explainSlot(name) {
  const m = /^([A-Za-zçáÇÁ]+)[_ -]?(\d{1,2})\b/.exec(name || "");
  if (!m) return "";
  const d = DAYS[m[1].toLowerCase()];
  if (d === undefined) return "";
  return W().slotMeans(W().days[d], m[2].padStart(2, "0"));
}

// ---------- keyboard ----------
// One Tab stop in the table list (roving tabindex): arrows move between rows, Space
// selects, Shift+F10 or the menu key opens the select-all menu.
function rovingName(rows) {
  if (state.focusRow && rows.some((r) => r.dataset.table === state.focusRow)) return state.focusRow;
  return rows.length ? rows[0].dataset.table : null;
}
function afterRenderTables(hadFocus) {
  const rows = [...document.querySelectorAll("#table-body tr[data-table]")];
  const name = rovingName(rows);
  for (const r of rows) {
    const box = r.querySelector("input[type=checkbox]");
    if (box) box.tabIndex = r.dataset.table === name ? 0 : -1;
    r.querySelectorAll("button").forEach((b) => { b.tabIndex = -1; });
  }
  if (hadFocus && name) focusRow(name);
}
function focusRow(name) {
  state.focusRow = name;
  const rows = [...document.querySelectorAll("#table-body tr[data-table]")];
  for (const r of rows) {
    const box = r.querySelector("input[type=checkbox]");
    if (box) box.tabIndex = r.dataset.table === name ? 0 : -1;
  }
  const row = rows.find((r) => r.dataset.table === name);
  if (row) { const box = row.querySelector("input[type=checkbox]"); box.focus(); row.scrollIntoView({ block: "nearest" }); }
}
function tableKeys(e) {
  if (e.key === "ContextMenu" || (e.shiftKey && e.key === "F10")) {
    e.preventDefault();
    const r = (document.activeElement && document.activeElement.closest("tr, #table-wrap")) || $("table-wrap");
    const box = r.getBoundingClientRect();
    openMenuAt(box.left + 24, box.top + Math.min(box.height, 24));
    return;
  }
  const rows = [...document.querySelectorAll("#table-body tr[data-table]")];
  if (!rows.length || !$("table-body").contains(document.activeElement)) return;
  const i = rows.findIndex((r) => r.contains(document.activeElement));
  let j = null;
  if (e.key === "ArrowDown") j = Math.min(rows.length - 1, i + 1);
  else if (e.key === "ArrowUp") j = Math.max(0, i - 1);
  else if (e.key === "Home") j = 0;
  else if (e.key === "End") j = rows.length - 1;
  else if (e.key === "PageDown") j = Math.min(rows.length - 1, i + 10);
  else if (e.key === "PageUp") j = Math.max(0, i - 10);
  else if (e.key === "Enter") { const b = rows[i].querySelector("button.badge"); if (b) { e.preventDefault(); b.click(); } return; }
  if (j === null) return;
  e.preventDefault();
  focusRow(rows[j].dataset.table);
}
function openMenuAt(x, y) {
  const m = $("context-menu");
  m.hidden = false;
  m.style.left = Math.max(0, Math.min(x, window.innerWidth - m.offsetWidth - 4)) + "px";
  m.style.top = Math.max(0, Math.min(y, window.innerHeight - m.offsetHeight - 4)) + "px";
  state.menuReturn = document.activeElement;
  m.querySelector("li").focus();
}
function menuKeys(e) {
  const items = [...$("context-menu").querySelectorAll("li")];
  const i = items.indexOf(document.activeElement);
  if (e.key === "ArrowDown") { e.preventDefault(); items[(i + 1) % items.length].focus(); }
  else if (e.key === "ArrowUp") { e.preventDefault(); items[(i - 1 + items.length) % items.length].focus(); }
  else if (e.key === "Enter" || e.key === " ") { e.preventDefault(); if (i >= 0) items[i].click(); }
  else if (e.key === "Escape" || e.key === "Tab") { closeMenu(); }
}
function closeMenu() {
  $("context-menu").hidden = true;
  if (state.menuReturn && document.contains(state.menuReturn)) state.menuReturn.focus();
  state.menuReturn = null;
}

function wireScreen() {
  $("table-wrap").addEventListener("keydown", tableKeys);
  $("context-menu").addEventListener("keydown", menuKeys);
  $("table-body").addEventListener("focusin", (e) => {
    const r = e.target.closest("tr[data-table]");
    if (r) state.focusRow = r.dataset.table;
  });
  $("retry").addEventListener("click", () => guarded(async () => { hideRefusal(); await loadTables(); await doRestore(); }));
  $("refusal-close").addEventListener("click", hideRefusal);
}
document.addEventListener("DOMContentLoaded", wireScreen);
