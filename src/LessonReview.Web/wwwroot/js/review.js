// Review workspace: player, timeline markers, comments, stages, action items, presence.
// State is kept by id and seq: REST responses and hub events are applied idempotently, and after a
// reconnect (or a gap in seq) the page fetches /events?afterSeq=N, so nothing is lost or shown twice.
import { connectHub, disableControls, duration as clock } from "./format.js";
import { whileBusy } from "./forms.js";
import { loadStoryboard } from "./storyboard.js";
import { attachVideo } from "./player.js";
import { renderStrip, renderSummary, renderTurnList, watchTalk } from "./talk.js";
import { t, today, dateTime } from "./text.js";

const root = document.getElementById("workspace");
const reviewId = root.dataset.reviewId;
const me = root.dataset.userId;
const role = root.dataset.role; // trainee | mentor | coordinator
const video = document.getElementById("video");
const $ = (id) => document.getElementById(id);
const STAGES = ["observe", "educate", "follow-up", "done"];
const DEFAULT_KIND = role === "trainee" ? "note" : "observation";
const KIND_LABEL = { observation: t("Observation"), strength: t("Strength"), suggestion: t("Suggestion"), question: t("Question"), note: t("Note") };

const state = { review: null, comments: new Map(), items: new Map(), lastSeq: 0, people: new Map(), mentors: [], ratings: new Map() };
// The growth framework's areas (archived ones too, so old tags keep their names), written into the page.
const AREAS = new Map(JSON.parse(document.getElementById("growth-areas")?.textContent || "[]").map((a) => [a.id, a]));
// The comment being drafted. While `follow` is true its moment follows the playhead; marking in or
// out, "c", replying or editing pins it, so playback never overwrites what the person chose. Its id
// is minted once per draft, so sending the same draft again (a retry, a lost answer) posts it once.
const newDraft = (at) => ({ id: crypto.randomUUID(), at, end: null, parentId: null, editing: null, follow: true });
let draft = newDraft(0);
// Likewise the action item being written, and the comment it is made from (its moment, its area), if any.
let itemDraftId = crypto.randomUUID();
let itemFrom = null;

// ---------- applying changes ----------
function apply(type, data, seq) {
  // A change this page already shows (or one older than it): applying it would undo a newer one.
  if (seq && data.reviewId === reviewId && seq <= state.lastSeq) return;
  switch (type) {
    case "CommentAdded":
    case "CommentUpdated": state.comments.set(data.id, data); break;
    case "CommentDeleted": state.comments.delete(data.commentId); break;
    case "StageChanged":
      state.review.stage = data.stage;
      if (!state.people.has(data.byUserId)) learnNames();
      if (!state.review.stageHistory.some((h) => h.at === data.at && h.stage === data.stage))
        state.review.stageHistory.push({ stage: data.stage, byUserId: data.byUserId, at: data.at });
      break;
    case "MentorsChanged":
      state.review.mentorIds = data.mentorIds;
      if (data.mentorIds.some((id) => !state.people.has(id))) learnNames(); // someone new: read their name
      if (data.mentorIds.length) state.review.private = false; // the first mentor shares a self-review
      break;
    case "RatingsChanged":
      state.ratings = new Map(data.ratings.map((r) => [r.areaId, r]));
      break;
    case "ActionItemChanged":
      if (data.reviewId === reviewId) state.items.set(data.id, data);
      else state.review.previousActionItems = state.review.previousActionItems.map((i) => (i.id === data.id ? data : i));
      break;
  }
  if (seq && data.reviewId === reviewId) state.lastSeq = Math.max(state.lastSeq, seq);
}

async function catchUp() {
  const response = await fetch(`/api/reviews/${reviewId}/events?afterSeq=${state.lastSeq}`);
  if (!response.ok) return;
  for (const e of await response.json()) apply(e.type, e.data, e.seq);
  render();
}

function onHubEvent(type) {
  return (data) => {
    const seq = data.seq;
    if (seq && seq > state.lastSeq + 1) { catchUp(); return; } // a gap: fetch what was missed, in order
    apply(type, data, seq);
    render();
  };
}

// ---------- rendering ----------
function render() {
  renderMentors();
  renderStages();
  renderComments();
  renderTimeline();
  renderItems();
  renderRatings();
}

function renderRatings() {
  for (const select of document.querySelectorAll("select.rating")) {
    if (document.activeElement === select) continue; // do not pull a choice from under the person making it
    select.value = String(state.ratings.get(select.dataset.areaId)?.level ?? "");
  }
  const latest = [...state.ratings.values()].sort((a, b) => a.ratedAt.localeCompare(b.ratedAt)).at(-1);
  if ($("ratings-status")) $("ratings-status").textContent = latest ? t("Rated by {0}, {1}", name(latest.ratedById), dateTime(latest.ratedAt)) : "";
}

function renderStages() {
  const stage = state.review.stage;
  $("stages").replaceChildren(...STAGES.map((s) => {
    const li = document.createElement("li");
    li.textContent = t(s);
    if (s === stage) { li.className = "current"; li.setAttribute("aria-current", "step"); }
    return li;
  }));
  const actions = $("stage-actions");
  actions.replaceChildren();
  if (role !== "trainee" || state.review.kind === "self") { // a trainee moves (and closes) their own self-review
    const i = STAGES.indexOf(stage);
    if (i > 0) actions.append(button(t("Back to {0}", t(STAGES[i - 1])), () => moveStage(STAGES[i - 1]), "secondary"));
    if (i < STAGES.length - 1) actions.append(button(t("Move to {0}", t(STAGES[i + 1])), () => moveStage(STAGES[i + 1])));
  }
  $("stage-history").replaceChildren(...state.review.stageHistory.map((h) => {
    const li = document.createElement("li");
    li.textContent = `${t(h.stage)} · ${name(h.byUserId)} · ${dateTime(h.at)}`;
    return li;
  }));
}

// The review's mentors; its trainee and coordinators may change them (invite a mentor to a review
// opened without one, or hand it to someone else).
function renderMentors() {
  const ids = state.review.mentorIds ?? [];
  $("mentor-names").textContent = ids.length
    ? ids.map(name).join(", ")
    : role === "trainee"
      ? t("None yet: this review is yours to take notes in. Invite a mentor when you want feedback.")
      : t("None yet: nobody has been asked to review this lesson.");
  if (state.review.kind === "self") {
    $("self-review-private").hidden = !state.review.private;
    $("self-review-shared").hidden = state.review.private;
  }
  $("mentors-edit").hidden = !(role === "trainee" || role === "coordinator") || !$("mentors-form").hidden;
}

function editMentors() {
  const chosen = new Set(state.review.mentorIds ?? []);
  // A switched-off account is not offered, unless it is on the review already (so it can be taken off).
  const offered = state.mentors.filter((m) => m.active !== false || chosen.has(m.id));
  $("mentor-choices").replaceChildren(...offered.map((m) => {
    const label = document.createElement("label");
    label.className = "check";
    const box = Object.assign(document.createElement("input"), { type: "checkbox", name: "mentor", value: m.id, checked: chosen.has(m.id) });
    label.append(box, ` ${m.name}`);
    return label;
  }));
  if (!offered.length) $("mentor-choices").append(span(t("No mentor accounts exist yet; a coordinator can add them."), "hint"));
  $("mentors-form").hidden = false;
  $("mentors-edit").hidden = true;
  $("mentor-choices").querySelector("input")?.focus();
}

function saveMentors(event) {
  event.preventDefault();
  return whileBusy($("mentors-form"), putMentors);
}

async function putMentors() {
  showError("mentors-error", "");
  const userIds = [...$("mentor-choices").querySelectorAll("input:checked")].map((i) => i.value);
  try {
    const saved = await send("PUT", `/api/reviews/${reviewId}/mentors`, { userIds });
    Object.assign(state.review, { mentorIds: saved.mentorIds, private: saved.private });
    $("mentors-form").hidden = true;
    render();
    $("mentors-edit").focus();
  } catch (e) { showError("mentors-error", e.message); }
}

function renderComments() {
  const all = [...state.comments.values()];
  const top = all.filter((c) => !c.parentId).sort((a, b) => a.atSeconds - b.atSeconds || a.createdAt.localeCompare(b.createdAt));
  const replies = (id) => all.filter((c) => c.parentId === id).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  $("comment-count").textContent = `(${all.length})`;
  $("comments").replaceChildren(...top.map((c) => {
    const li = commentItem(c);
    const sub = document.createElement("ol");
    sub.className = "replies";
    sub.append(...replies(c.id).map(commentItem));
    if (sub.children.length) li.append(sub);
    return li;
  }));
}

function commentItem(c) {
  const li = document.createElement("li");
  li.className = `comment kind-${c.kind}`;
  li.dataset.commentId = c.id;
  const time = button(c.endSeconds != null ? `${clock(c.atSeconds)}–${clock(c.endSeconds)}` : clock(c.atSeconds), () => seek(c.atSeconds), "time");
  time.setAttribute("aria-label", t("Play from {0}", clock(c.atSeconds)));
  const kind = span(KIND_LABEL[c.kind] ?? c.kind, `badge kind-${c.kind}`);
  const area = c.areaId && AREAS.has(c.areaId) ? [" ", span(AREAS.get(c.areaId).label, "badge area")] : [];
  const author = span(c.authorName, "author");
  const edited = c.updatedAt && c.updatedAt !== c.createdAt ? span(t(" (edited)"), "hint edited") : "";
  const text = document.createElement("p");
  text.className = "text";
  text.textContent = c.text; // never innerHTML: comments are shown exactly as typed
  // The trainee's own reflection in a self-review, so mentors read it as that and not as feedback.
  const selfNote = c.selfReviewNote ? [" ", span(t("Self-review note"), "badge self-review")] : [];
  li.append(time, " ", kind, ...area, ...selfNote, " ", author, edited, text);
  const tools = document.createElement("div");
  tools.className = "tools";
  if (!c.parentId) tools.append(button(t("Reply"), () => startReply(c), "link"), button(t("Make an action item"), () => startItemFrom(c), "link"));
  if (c.authorId === me) {
    tools.append(button(t("Edit"), () => startEdit(c), "link"), button(t("Delete"), () => removeComment(c), "link"));
  } else if (role === "coordinator") {
    tools.append(button(t("Delete"), () => removeComment(c), "link"));
  }
  if (role === "trainee" && c.authorId !== me) {
    if (c.acknowledgedAt) tools.append(span(t("✓ acknowledged"), "hint"));
    else tools.append(button(t("Acknowledge"), () => acknowledge(c), "link"));
  }
  li.append(tools);
  return li;
}

function renderTimeline() {
  const total = Number(root.dataset.duration) || video.duration || 1;
  const timeline = $("timeline");
  timeline.replaceChildren(...[...state.comments.values()].filter((c) => !c.parentId).map((c) => {
    const marker = document.createElement("button");
    marker.type = "button";
    marker.className = `marker kind-${c.kind}${c.endSeconds != null ? " range" : ""}`;
    marker.style.left = `${(c.atSeconds / total) * 100}%`;
    if (c.endSeconds != null) marker.style.width = `${((c.endSeconds - c.atSeconds) / total) * 100}%`;
    marker.title = `${clock(c.atSeconds)} ${KIND_LABEL[c.kind]}: ${c.text}`;
    marker.setAttribute("aria-label", t("{0} at {1}", KIND_LABEL[c.kind], clock(c.atSeconds)));
    marker.addEventListener("click", () => seek(c.atSeconds));
    return marker;
  }));
}

function renderItems() {
  const items = [...state.items.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  $("action-items").replaceChildren(...(items.length ? items.map(itemRow) : [emptyRow(t("No action items yet."))]));
  const previous = state.review.previousActionItems ?? [];
  $("previous-section").hidden = previous.length === 0;
  const origins = new Map((state.review.previousItemOrigins ?? []).map((o) => [o.itemId, o]));
  $("previous-items").replaceChildren(...previous.filter((i) => i.status === "open").map((i) => itemRow(i, origins.get(i.id))));
}

/** An action item; `origin` (items of earlier lessons) names their lesson and links the moment in its review. */
function itemRow(item, origin) {
  const li = document.createElement("li");
  li.className = `action-item status-${item.status}`;
  li.dataset.itemId = item.id;
  const text = span(item.text, "text");
  const overdue = item.status === "open" && item.dueDate && item.dueDate < today();
  const due = span(item.dueDate ? (overdue ? t(" · overdue since {0}", item.dueDate) : t(" · due {0}", item.dueDate)) : "", overdue ? "overdue" : "hint");
  if (overdue) li.classList.add("is-overdue");
  const status = document.createElement("select");
  status.setAttribute("aria-label", t("Status of: {0}", item.text));
  for (const s of ["open", "done", "dropped"]) status.append(new Option(t(s), s, false, s === item.status));
  status.addEventListener("change", () => updateItem(item, { status: status.value }));
  li.append(text, due, " ", status);
  for (const id of item.commentIds ?? []) {
    const c = state.comments.get(id);
    if (c) li.append(" ", button(`▶ ${clock(c.atSeconds)}`, () => seek(c.atSeconds), "link"));
  }
  if (origin) {
    li.append(" ", span(t("from {0}", origin.lessonDate ? `${origin.lessonTitle} (${origin.lessonDate})` : origin.lessonTitle), "hint origin"));
    if (origin.atSeconds != null) {
      const link = document.createElement("a");
      link.href = `/reviews/${origin.reviewId}?t=${origin.atSeconds}`;
      link.textContent = `▶ ${clock(origin.atSeconds)}`;
      link.setAttribute("aria-label", t("Play {0} of {1}", clock(origin.atSeconds), origin.lessonTitle));
      li.append(" ", link);
    }
  }
  // The trainee acknowledges what others agreed with them; an item they set themselves needs no receipt.
  if (role === "trainee" && item.createdById !== me) {
    if (item.acknowledgedAt) li.append(" ", span(t("✓ acknowledged"), "hint"));
    else li.append(" ", button(t("Acknowledge"), () => updateItem(item, { acknowledged: true }), "link"));
  }
  return li;
}

// ---------- actions ----------
async function send(method, url, body) {
  const response = await fetch(url, {
    method, headers: body ? { "Content-Type": "application/json" } : {}, body: body ? JSON.stringify(body) : undefined,
  });
  if (response.ok) return response.status === 204 ? null : response.json();
  let detail = t("The server answered {0}.", response.status);
  try { detail = (await response.json()).detail ?? detail; } catch { /* not JSON */ }
  throw new Error(detail);
}

function moveStage(stage) {
  return whileBusy($("stage-actions"), async () => {
    showError("stage-error", "");
    try { const change = await send("POST", `/api/reviews/${reviewId}/stage`, { stage }); apply("StageChanged", change, change.seq); render(); }
    catch (e) { showError("stage-error", e.message); }
  });
}

function submitComment(event) {
  event.preventDefault();
  return whileBusy($("comment-form"), postComment);
}

async function postComment() {
  const text = $("comment-text").value;
  if (!text.trim()) return showError("comment-error", t("Write something in the comment first."));
  showError("comment-error", "");
  try {
    let saved;
    if (draft.editing) {
      saved = await send("PATCH", `/api/reviews/${reviewId}/comments/${draft.editing}`, { text, kind: $("comment-kind").value, areaId: chosenArea() ?? EMPTY_GUID });
      apply("CommentUpdated", saved, saved.seq);
    } else {
      saved = await send("POST", `/api/reviews/${reviewId}/comments`, {
        id: draft.id, atSeconds: draft.at, endSeconds: draft.end, kind: $("comment-kind").value, text, parentId: draft.parentId, areaId: chosenArea(),
      });
      apply("CommentAdded", saved, saved.seq);
    }
    resetDraft();
    render();
  } catch (e) { showError("comment-error", e.message); }
}

const EMPTY_GUID = "00000000-0000-0000-0000-000000000000"; // PATCH: take the area off
function chosenArea() { return $("comment-area")?.value || null; }

function saveRatings(event) {
  event.preventDefault();
  return whileBusy($("ratings-form"), postRatings);
}

async function postRatings() {
  showError("ratings-error", "");
  const ratings = [...document.querySelectorAll("select.rating")].filter((s) => s.value).map((s) => ({ areaId: s.dataset.areaId, level: Number(s.value) }));
  if (!ratings.length) return showError("ratings-error", t("Choose a level for at least one area."));
  try { const change = await send("PUT", `/api/reviews/${reviewId}/ratings`, { ratings }); apply("RatingsChanged", change, change.seq); render(); }
  catch (e) { showError("ratings-error", e.message); }
}

async function removeComment(c) {
  if (!confirm(t("Delete this comment for everyone?"))) return;
  try { await send("DELETE", `/api/reviews/${reviewId}/comments/${c.id}`); state.comments.delete(c.id); render(); }
  catch (e) { alert(e.message); }
}

async function acknowledge(c) {
  try { const saved = await send("POST", `/api/reviews/${reviewId}/comments/${c.id}/acknowledge`); apply("CommentUpdated", saved, saved.seq); render(); }
  catch (e) { alert(e.message); }
}

async function updateItem(item, change) {
  try { const saved = await send("PATCH", `/api/reviews/${reviewId}/action-items/${item.id}`, change); apply("ActionItemChanged", saved, saved.seq); render(); }
  catch (e) { alert(e.message); render(); }
}

function addItem(event) {
  event.preventDefault();
  return whileBusy($("action-form"), postItem);
}

async function postItem() {
  showError("action-error", "");
  const text = $("action-text").value.trim();
  if (!text) return showError("action-error", t("Write what the trainee should do next time."));
  try {
    const linked = itemFrom ? [itemFrom.id] : draft.parentId ? [draft.parentId] : [];
    const saved = await send("POST", `/api/reviews/${reviewId}/action-items`, { id: itemDraftId, text, dueDate: $("action-due").value || null, commentIds: linked });
    apply("ActionItemChanged", saved, saved.seq);
    itemDraftId = crypto.randomUUID();
    clearItemFrom();
    $("action-text").value = "";
    $("action-due").value = ""; // the next item is due at the next lesson unless a date is chosen again
    // The reply only chose which comment the item comes from: the next comment is not a reply.
    if (draft.parentId && !$("comment-text").value.trim()) resetDraft();
    render();
  } catch (e) { showError("action-error", e.message); }
}

// ---------- an action item from a comment (one click: it keeps the comment's moment and area) ----------
function startItemFrom(c) {
  itemFrom = c;
  const excerpt = c.text.length > 60 ? `${c.text.slice(0, 60)}…` : c.text;
  $("action-from-text").textContent = t("From the comment at {0}: {1}", clock(c.atSeconds), excerpt);
  $("action-from").hidden = false;
  $("action-text").focus();
}

function clearItemFrom() {
  itemFrom = null;
  $("action-from").hidden = true;
}

// ---------- comment drafting ----------
function commentHere() {
  video.pause();
  // A moment or range already marked (i, o) stays as marked: "c" only starts typing.
  if (draft.follow) draft.at = now();
  draft.follow = false;
  showDraftTime();
  $("comment-text").focus();
}

function startReply(c) {
  resetDraft();
  draft.parentId = c.id;
  draft.at = c.atSeconds;
  draft.follow = false;
  $("comment-kind").value = "note"; // a reply ("thank you", "I will try it") is a note unless the writer says otherwise
  $("reply-to").hidden = false;
  $("reply-to-text").textContent = t("Replying to {0} at {1}", c.authorName, clock(c.atSeconds));
  showDraftTime();
  $("comment-text").focus();
}

function startEdit(c) {
  resetDraft();
  draft.editing = c.id;
  draft.at = c.atSeconds;
  draft.follow = false;
  draft.end = c.endSeconds;
  $("comment-text").value = c.text;
  $("comment-kind").value = c.kind;
  if ($("comment-area")) $("comment-area").value = c.areaId && AREAS.has(c.areaId) && !AREAS.get(c.areaId).archived ? c.areaId : "";
  $("reply-to").hidden = false;
  $("reply-to-text").textContent = t("Editing your comment at {0}", clock(c.atSeconds));
  showDraftTime();
  $("comment-text").focus();
}

function resetDraft() {
  draft = newDraft(now());
  $("comment-text").value = "";
  $("comment-kind").value = DEFAULT_KIND;
  if ($("comment-area")) $("comment-area").value = "";
  $("reply-to").hidden = true;
  showDraftTime();
}

function showDraftTime() {
  $("comment-at").textContent = clock(draft.at);
  $("comment-range").textContent = draft.end != null ? `–${clock(draft.end)}` : "";
}

const now = () => Math.round(video.currentTime * 10) / 10;
function markIn() { draft.at = now(); draft.follow = false; if (draft.end != null && draft.end <= draft.at) draft.end = null; showDraftTime(); }
function markOut() {
  const t = now();
  if (t > draft.at) { draft.end = t; draft.follow = false; }
  showDraftTime();
}
function momentOnly() { draft.end = null; draft.follow = true; draft.at = now(); showDraftTime(); }
function cancelDraft() { resetDraft(); showError("comment-error", ""); }

// ---------- player ----------
function seek(seconds) {
  video.currentTime = seconds;
  video.focus({ preventScroll: true });
}

const FRAME = 1 / 30;
document.addEventListener("keydown", (e) => {
  const typing = ["INPUT", "TEXTAREA", "SELECT"].includes(document.activeElement?.tagName);
  if (typing) {
    if (e.key === "Escape") {
      if (document.activeElement.id === "comment-text" && (draft.parentId || draft.editing)) cancelDraft();
      document.activeElement.blur();
    }
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && document.activeElement.id === "comment-text") $("comment-form").requestSubmit();
    return;
  }
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  if (e.key === "Escape" && (draft.parentId || draft.editing)) { cancelDraft(); return; }
  // Space presses a focused button, link or disclosure; it plays only from the page or the video itself.
  const onControl = document.activeElement && document.activeElement !== video && document.activeElement !== document.body;
  if (e.key === " " && onControl) return;
  const actions = {
    k: () => (video.paused ? video.play() : video.pause()),
    " ": () => (video.paused ? video.play() : video.pause()),
    j: () => (video.currentTime = Math.max(0, video.currentTime - 5)),
    l: () => (video.currentTime = Math.min(video.duration || Infinity, video.currentTime + 5)),
    ",": () => { video.pause(); video.currentTime = Math.max(0, video.currentTime - FRAME); },
    ".": () => { video.pause(); video.currentTime += FRAME; },
    c: commentHere,
    i: markIn,
    o: markOut,
  };
  const action = actions[e.key];
  if (action) { e.preventDefault(); action(); }
});

video.addEventListener("timeupdate", () => { if (draft.follow && document.activeElement?.id !== "comment-text") { draft.at = now(); showDraftTime(); } });
$("speed").addEventListener("change", () => (video.playbackRate = Number($("speed").value)));
$("comment-text").addEventListener("focus", () => video.pause());
$("comment-form").addEventListener("submit", submitComment);
$("action-form").addEventListener("submit", addItem);
$("action-from-cancel").addEventListener("click", () => { clearItemFrom(); $("action-text").focus(); });
$("ratings-form")?.addEventListener("submit", saveRatings);
$("mark-in").addEventListener("click", markIn);
$("mentors-edit").addEventListener("click", editMentors);
$("mentors-form").addEventListener("submit", saveMentors);
$("mentors-cancel").addEventListener("click", () => { $("mentors-form").hidden = true; renderMentors(); $("mentors-edit").focus(); });
$("mark-out").addEventListener("click", markOut);
$("clear-range").addEventListener("click", momentOnly);
$("cancel-reply").addEventListener("click", cancelDraft);

// ---------- helpers ----------
function button(label, onClick, className = "") {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = label;
  if (className) b.className = className;
  b.addEventListener("click", onClick);
  return b;
}
function span(text, className) { const s = document.createElement("span"); s.textContent = text; s.className = className; return s; }
function emptyRow(text) { const li = document.createElement("li"); li.className = "hint"; li.textContent = text; return li; }
function showError(id, message) { $(id).textContent = message; $(id).hidden = !message; }
function name(userId) { return state.people.get(userId) ?? t("someone"); }

// ---------- start ----------
async function load() {
  const [review, users] = await Promise.all([
    fetch(`/api/reviews/${reviewId}`).then((r) => r.json()),
    fetch(`/api/users`).then((r) => (r.ok ? r.json() : [])),
  ]);
  state.review = review;
  state.lastSeq = review.seq;
  state.comments = new Map(review.comments.map((c) => [c.id, c]));
  state.items = new Map(review.actionItems.map((i) => [i.id, i]));
  state.ratings = new Map((review.ratings ?? []).map((r) => [r.areaId, r]));
  for (const u of users) state.people.set(u.id, u.name);
  for (const p of review.people) state.people.set(p.id, p.name);
  state.mentors = users.filter((u) => u.role === "mentor").sort((a, b) => a.name.localeCompare(b.name));
  state.people.set(review.traineeId, review.traineeName);
  for (const c of review.comments) state.people.set(c.authorId, c.authorName);
  render();
}

async function learnNames() {
  const response = await fetch(`/api/reviews/${reviewId}`);
  if (!response.ok) return;
  for (const p of (await response.json()).people) state.people.set(p.id, p.name);
  render();
}

// ?t=42 opens the review at that moment. Metadata may already be loaded by now (cached video), so
// seek at once when it is, and on loadedmetadata otherwise.
const start = Number(new URLSearchParams(location.search).get("t"));
attachVideo(video, video.dataset.src, start > 0 ? start : 0);
function seekToStart() { if (start > 0) seek(start); }
if (video.readyState >= HTMLMediaElement.HAVE_METADATA) seekToStart();
else video.addEventListener("loadedmetadata", seekToStart, { once: true });
await load();
// A fresh draft at the playhead with the role's kind (a trainee's comments start as notes),
// keeping whatever text was typed while the page loaded.
draft = newDraft(now());
$("comment-kind").value = DEFAULT_KIND;
showDraftTime();
// The forms post through this script: their buttons stay off until it has loaded the review, so
// a form sent sooner (a slow school network) cannot reload the page and lose what was typed.
for (const b of document.querySelectorAll("[data-needs-script]")) b.disabled = false;

const join = async (connection) => {
  await connection.invoke("JoinReview", reviewId);
  $("connection").textContent = "";
  await catchUp();
};
try {
  const connection = await connectHub(join);
  for (const type of ["CommentAdded", "CommentUpdated", "CommentDeleted", "StageChanged", "ActionItemChanged", "MentorsChanged", "RatingsChanged"]) connection.on(type, onHubEvent(type));
  connection.on("CatchUp", () => catchUp()); // the server's event listener was reconnecting: changes may have been missed
  let revoked = null; // the server's reason, once this person may no longer see the review
  connection.on("AccessRevoked", async (m) => {
    revoked = t(m.message);
    $("connection").textContent = revoked;
    disableControls(root);
    await connection.stop();
  });
  connection.on("PresenceChanged", (p) => {
    for (const v of p.viewers) state.people.set(v.userId, v.name);
    $("presence").textContent = t("Watching now: {0}", p.viewers.map((v) => `${v.name} (${t(v.role)})`).join(", "));
  });
  connection.onreconnecting(() => ($("connection").textContent = t("Connection lost, reconnecting… your comments are safe.")));
  connection.onclose(() => ($("connection").textContent = revoked ?? connection.endedReason ?? t("Disconnected. Reload the page to see new comments.")));
  await join(connection);
} catch (e) {
  $("connection").textContent = t("Live updates are unavailable; reload to see new comments.");
}
loadStoryboard(video, $("timeline"), $("preview"), $("preview-image"), $("preview-time"), Number(root.dataset.duration) || 0);

// ---------- talk ----------
// A band of the strip or a turn of the list: play from its start, and let the next comment cover it.
function pickTurn(turn) {
  seek(turn.start);
  if (turn.end == null) return; // silence: just that moment
  if (draft.editing || draft.parentId) resetDraft();
  draft.at = Math.round(turn.start * 10) / 10;
  draft.end = Math.round(turn.end * 10) / 10;
  draft.follow = false;
  showDraftTime();
}
const talk = watchTalk(root.dataset.lessonId, (analysis) => {
  renderSummary($("talk-body"), analysis, () => talk.request());
  renderStrip($("talk-strip"), analysis, pickTurn);
  $("talk-turns-details").hidden = analysis.status !== "ready" || !analysis.segments.length;
  if (analysis.status === "ready") renderTurnList($("talk-turns"), analysis, pickTurn);
});
$("action-due").min = today(); // the date picker offers no past days (the server refuses them too)
// Recordings of pupils: no "Save video as…" menu (the controls offer no download either). A deterrent, not a lock.
video.addEventListener("contextmenu", (e) => e.preventDefault());
