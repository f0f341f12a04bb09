// The unspun web page. Article text is untrusted: it is only ever inserted with textContent /
// Text nodes (el() below), never as HTML, and the server's CSP forbids inline scripts besides.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { format: "text" };

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child); // strings become Text nodes
  return node;
}

function clear(node) { node.replaceChildren(); }
const pct = (x) => `${Math.round(x * 100)}%`;

async function api(method, path, body) {
  const opts = { method, headers: { "accept": "application/json" } };
  if (body !== undefined) {
    opts.headers["content-type"] = "application/json";
    opts.body = JSON.stringify(body);
  }
  const res = await fetch(path, opts);
  let data = null;
  try { data = await res.json(); } catch (e) { data = null; }
  if (!res.ok) {
    const detail = data && data.detail ? (typeof data.detail === "string" ? data.detail : JSON.stringify(data.detail)) : res.statusText;
    throw new Error(`${res.status}: ${detail}`);
  }
  return data;
}

function setStatus(message, isError = false) {
  const s = $("status");
  s.textContent = message;
  s.classList.toggle("error", isError);
}

async function refreshStats() {
  try {
    const s = await api("GET", "/api/stats");
    $("stats").textContent = `${s.articles} articles indexed, ${s.pairs} related pairs, ${s.linked_stories} stories with copies or rewrites`;
  } catch (e) { $("stats").textContent = ""; }
}

function renderSegments(container, segments) {
  clear(container);
  for (const seg of segments) {
    if (!seg.classes.length) { container.append(seg.text); continue; }
    const span = el("span", { class: seg.classes.map((c) => "hl-" + c).join(" "), text: seg.text });
    if (seg.labels.length) span.title = seg.labels.join("; ");
    container.append(span);
  }
}

// The one side-by-side view (report/side_by_side.py builds it; the HTML report and `compare --html`
// show the same): a count by kind and severity, every edit with its sentence on both sides (high first),
// and the aligned rows with changed words marked by kind. Text nodes only.
function pieces(list) {
  const out = el("span");
  for (const p of list) {
    if (!p.kind) { out.append(p.text); continue; }
    out.append(el("mark", { class: `k-${p.kind} s-${p.severity}`, title: `${p.kind} (${p.severity}): ${p.why}`, text: p.text }));
  }
  return out;
}

function renderSideBySide(v, nEdits) {
  const counts = $("edit-counts");
  clear(counts);
  for (const c of v.counts) counts.append(el("span", { class: `count s-${c.severity}`, text: `${c.n} × ${c.kind} (${c.severity})` }), " ");
  const edits = $("edits");
  clear(edits);
  if (!nEdits) edits.append(el("li", { class: "muted", text: "No classified edits for this pair (changed words are still highlighted)." }));
  for (const e of v.edits) {
    edits.append(el("li", { class: e.severity }, el("strong", { text: `${e.kind} (${e.severity}) ` }),
      `“${e.a_text}” → “${e.b_text}”: ${e.why}`,
      el("div", { class: "ctx" }, el("div", {}, pieces(e.a)), el("div", {}, pieces(e.b)))));
  }
  const body = $("sbs-rows").querySelector("tbody");
  clear(body);
  for (const r of v.rows) {
    body.append(el("tr", { class: r.status }, el("td", { class: "st", text: r.status === "matched" ? "" : r.status }),
      el("td", {}, pieces(r.a)), el("td", {}, pieces(r.b))));
  }
}

function showCompare(pair, a, b, view) {
  $("compare-section").hidden = false;
  $("compare-a-title").textContent = `${a.title || a.id} (${a.id})`;
  $("compare-b-title").textContent = `${b.title || b.id} (${b.id})`;
  $("compare-summary").textContent =
    `${pair.relation}, score ${pair.score.toFixed(2)}; ${pct(pair.coverage.a)} of the left and ${pct(pair.coverage.b)} of the right matched; ${view.changed_words} changed word runs in matched passages.`;
  renderSegments($("compare-a"), view.a_segments);
  renderSegments($("compare-b"), view.b_segments);
  renderSideBySide(view.side_by_side, pair.edits.length);
  $("compare-section").scrollIntoView({ behavior: "instant", block: "start" });
}

function renderMatches(result) {
  const list = $("matches");
  clear(list);
  $("matches-section").hidden = false;
  const n = result.matches.length;
  $("matches-summary").textContent = n
    ? `${n} indexed article${n > 1 ? "s" : ""} match (${result.candidates} candidates confirmed or rejected).`
    : `No copy or rewrite of this article is indexed (${result.candidates} candidates rejected).`;
  for (const hit of result.matches) {
    const p = hit.pair;
    const item = el("li", { class: "match" },
      el("span", { class: "relation", text: p.relation }), " of ",
      el("strong", { class: "match-title", text: hit.article.title || hit.article.id }),
      ` (${hit.article.id}) — score ${p.score.toFixed(2)}, ${pct(p.coverage.b)} of this article matched, via ${p.channels.join(", ")} `,
    );
    if (hit.view) {
      item.append(el("button", { type: "button", class: "compare", text: "Compare side by side",
        onclick: () => showCompare(p, hit.article, result.article, hit.view) }));
    }
    item.append(" ", el("button", { type: "button", class: "secondary open-story", text: `Open ${hit.story}`,
      onclick: () => openStory(hit.story) }));
    list.append(item);
  }
}

async function runCheck(add) {
  const text = $("text").value;
  if (!text.trim()) { setStatus("Paste an article or choose a file first.", true); return; }
  const article = { text, title: $("title").value, format: state.format };
  setStatus("Checking…");
  try {
    const result = await api("POST", "/api/check", { ...article, views: true });
    renderMatches(result);
    let message = "Checked.";
    if (add) {
      const added = await api("POST", "/api/articles", { articles: [article] });
      message = added.added.length ? `Checked and added as ${added.added[0]}.`
        : added.duplicates.length ? `Checked; already indexed as ${added.duplicates[0].existing}.` : "Checked; nothing added.";
      refreshStats();
    }
    setStatus(message);
  } catch (e) {
    setStatus(e.message, true);
  }
}

async function openStory(id) {
  try {
    const story = await api("GET", "/api/story?" + new URLSearchParams({ id }));
    $("story").hidden = false;
    $("story-title").textContent = `${story.id}: ${story.articles.length} articles`;
    const arts = $("story-articles");
    clear(arts);
    for (const a of story.articles) arts.append(el("li", {}, el("strong", { text: a.title || a.id }), ` (${a.id})${a.url ? " " + a.url : ""}`));
    const body = $("story-pairs").querySelector("tbody");
    clear(body);
    for (const p of story.pairs) {
      body.append(el("tr", {},
        el("td", { text: p.a }), el("td", { text: p.b }), el("td", { text: p.relation }),
        el("td", { text: p.score.toFixed(2) }),
        el("td", {}, el("button", { type: "button", class: "compare-pair", text: "Compare", onclick: () => comparePair(p.a, p.b) }))));
    }
    $("stories-section").scrollIntoView({ behavior: "instant", block: "start" });
  } catch (e) { setStatus(e.message, true); }
}

async function comparePair(a, b) {
  try {
    const r = await api("GET", "/api/pair?" + new URLSearchParams({ a, b }));
    showCompare(r.pair, r.a, r.b, r.view);
  } catch (e) { setStatus(e.message, true); }
}

async function loadStories() {
  try {
    const stories = await api("GET", "/api/stories?limit=100");
    const list = $("stories");
    clear(list);
    if (!stories.length) list.append(el("li", { class: "muted", text: "No stories with more than one article yet." }));
    for (const s of stories) {
      list.append(el("li", {}, el("button", { type: "button", class: "secondary story-link", text: s.id, onclick: () => openStory(s.id) }),
        ` ${s.size} articles: ${s.articles.join(", ")}` + (s.original ? ` (original: ${s.original})` : "")));
    }
  } catch (e) { setStatus(e.message, true); }
}

function readFile(event) {
  const file = event.target.files[0];
  if (!file) return;
  const isHtml = /\.html?$/i.test(file.name) || file.type === "text/html";
  state.format = isHtml ? "html" : "text";
  $("format").textContent = `format: ${state.format} (${file.name})`;
  const reader = new FileReader();
  reader.onload = () => {
    $("text").value = reader.result;
    if (!$("title").value) $("title").value = file.name.replace(/\.[^.]+$/, "");
    setStatus(`Loaded ${file.name}.`);
  };
  reader.readAsText(file);
}

document.addEventListener("DOMContentLoaded", () => {
  $("check").addEventListener("click", () => runCheck(false));
  $("check-add").addEventListener("click", () => runCheck(true));
  $("file").addEventListener("change", readFile);
  $("text").addEventListener("input", () => { if (!$("file").value) state.format = "text"; });
  $("load-stories").addEventListener("click", loadStories);
  refreshStats();
});
