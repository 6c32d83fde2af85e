// The restore dialog's "Restaurar sem perder o que foi feito depois do backup" (issue 17):
// the counts of the merge's dry run per table (from the backup, from the live table,
// conflicts, unreadable, how rows are matched), checked by default when the server's
// advice says the live tables still have readable records newer than the set; and the
// merge's report after the restore. The words of the counts come from the server.
// Uses the helpers of app.js.
"use strict";

const wordsOf = (w) => (w ? (w[state.lang] || w.pt) : "");

// Fills the option from a preview's `merge` ({restore, advice}); hides it when there is
// none. Answers whether it is shown.
function showMergeOption(merge) {
  const box = $("merge-options"), opt = $("opt-merge");
  const advice = merge && merge.advice;
  box.hidden = !advice;
  $("confirm-dialog").classList.toggle("wide", !!advice);
  if (!advice) { opt.checked = false; return false; }
  opt.disabled = !advice.possible;
  opt.checked = !!(advice.possible && advice.recommended);
  $("merge-reason").textContent = wordsOf(advice.reason);
  $("merge-reason").className = "merge-reason " + (advice.recommended ? "on" : "off");
  $("merge-body").replaceChildren(...mergeRows(firstWhatMatters(advice.tables)));
  return true;
}

// Tables with news (or a reason to look) first, then the rest by name.
function firstWhatMatters(tables) {
  const rank = { keepsNewer: 0, noKeyNotAppendOnly: 1, refused: 2, nothingNewer: 3, noLiveTable: 4 };
  const r = (t) => (rank[t.verdict] ?? 5) - ((t.unreadable || t.conflicts) && t.verdict === "nothingNewer" ? 1.5 : 0);
  return [...tables].sort((a, b) => r(a) - r(b) || (a.table < b.table ? -1 : 1));
}

function mergeRows(tables) {
  const n = (v) => (v === null || v === undefined ? "—" : fmtInt(v));
  return tables.map((t) => el("tr", { "data-merge": t.table, class: "verdict-" + t.verdict },
    el("td", { class: "name" }, t.table),
    el("td", { class: "num" }, n(t.fromBackup)),
    el("td", { class: "num strong" }, n(t.fromLive)),
    el("td", { class: "num" + (t.conflicts ? " warn" : "") }, n(t.conflicts)),
    el("td", { class: "num" + (t.unreadable ? " warn" : "") }, n(t.unreadable)),
    el("td", { class: "wrap", title: wordsOf(t.keyWords) }, wordsOf(t.keyWords) || "—"),
    el("td", { class: "wrap", title: wordsOf(t.note) }, wordsOf(t.note))));
}

// The confirmation's words and counts follow the option: with it, nothing is simply
// deleted, and the "after" column is the merge's.
function syncMergeConfirm(plain, merge) {
  const on = !$("merge-options").hidden && $("opt-merge").checked;
  const report = on && merge && merge.restore ? merge.restore : plain;
  $("confirm-dialog").classList.toggle("merging", on);
  document.querySelector("#confirm-dialog [data-i18n=confirmText]").textContent = on ? W().confirmTextMerge : W().confirmText;
  document.querySelector("#confirm-table [data-i18n=colNow]").textContent = on ? W().colNowMerge : W().colNow;
  document.querySelector("#confirm-table [data-i18n=colFromBackup]").textContent = on ? W().colAfterMerge : W().colFromBackup;
  confirmRows(report.tables);
  $("confirm-yes").textContent = on ? W().confirmYesMerge : W().confirmYes;
}

// Wires the option for one confirmation; answers a function telling whether it is chosen.
function mergeOptionFor(plain, merge) {
  const shown = showMergeOption(merge);
  const sync = () => syncMergeConfirm(plain, merge);
  $("opt-merge").onchange = sync;
  sync(); // also puts the plain words back after an earlier merge confirmation
  return () => shown && $("opt-merge").checked;
}

// After a merge restore: per table, what came from where (the server's words).
function mergeResultView(r) {
  const advice = r.merge && r.merge.advice;
  if (!advice || !r.restore || !r.restore.tables.some((t) => t.fromLive !== undefined && t.fromLive !== null)) return null;
  const box = el("div", { class: "merge-result", id: "merge-result" }, el("h3", {}, W().mergeHeading));
  box.append(el("div", { class: "table-wrap auto" }, el("table", { class: "grid merge-grid" },
    el("thead", {}, el("tr", {}, el("th", {}, W().colTable), el("th", { class: "num" }, W().colMergeBackup),
      el("th", { class: "num" }, W().colMergeLive), el("th", { class: "num" }, W().colConflicts),
      el("th", { class: "num" }, W().colUnreadable), el("th", {}, W().colKey), el("th", {}, W().colNotes))),
    el("tbody", {}, mergeRows(firstWhatMatters(advice.tables).map((t) => Object.assign({}, t, { note: mergeNote(r.restore, t) })))))));
  return box;
}

// The unreadable records by number and the conflicts, as the result names them.
function mergeNote(report, t) {
  const rt = report.tables.find((x) => x.name === t.table);
  if (!rt || !rt.merge) return t.note;
  const parts = [];
  if (rt.unreadable && rt.unreadable.length) parts.push(`${W().colUnreadable}: ${W().record} ${rt.unreadable.map((q) => q.record).join(", ")}`);
  if (rt.conflicts && rt.conflicts.length) parts.push(`${W().colConflicts}: ${rt.conflicts.map((c) => c.key).join(", ")}`);
  return parts.length ? { pt: parts.join(" · "), en: parts.join(" · ") } : t.note;
}
