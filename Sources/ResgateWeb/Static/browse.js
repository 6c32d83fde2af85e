// The chooser's folder browser: any folder or .zip on the machine can be the backup, as
// in the ERP's own screen, not only the sets under --backups. Folders open on a click;
// a .zip, or the folder shown, is then used as the set (a backup set or a folder of
// tables: the server tells which). Uses app.js's helpers ($, el, api, W, state…).
"use strict";
const browsing = { path: null, parent: null };

async function browseTo(path) {
  const doc = await api(withLang("/api/browse" + (path ? "?path=" + encodeURIComponent(path) : "")));
  browsing.path = doc.path; browsing.parent = doc.parent;
  $("browse-path").textContent = doc.path;
  $("browse-up").disabled = !doc.parent;
  $("browse-note").textContent = doc.truncated ? W().browseTruncated(doc.entries.length) : (doc.entries.length ? "" : W().browseEmpty);
  $("browse-body").replaceChildren(...doc.entries.map((e) => el("tr", { "data-path": e.path, "data-kind": e.kind },
    // the kind in words, not an emoji (a machine without an emoji font shows a box)
    el("td", {}, el("span", { class: "badge muted browse-kind" }, e.kind === "zip" ? W().browseZip : W().browseFolder), " ", e.name),
    el("td", { class: "end" }, e.kind === "zip"
      ? el("button", { type: "button", class: "use-browsed", onclick: () => guarded(() => useBrowsed(e.path)) }, W().browseUse)
      : el("button", { type: "button", class: "open-browsed", onclick: () => guarded(() => browseTo(e.path)) }, W().browseOpen)))));
}

async function useBrowsed(path) {
  const set = await api(withLang("/api/set?path=" + encodeURIComponent(path)));
  state.chosenSet = set;
  $("backup-dialog").close();
  renderChosenSet();
}

$("browse").addEventListener("toggle", () => {
  if ($("browse").open && browsing.path === null) guarded(() => browseTo(null));
});
$("browse-up").addEventListener("click", () => { if (browsing.parent) guarded(() => browseTo(browsing.parent)); });
$("browse-use-folder").addEventListener("click", () => { if (browsing.path) guarded(() => useBrowsed(browsing.path)); });
