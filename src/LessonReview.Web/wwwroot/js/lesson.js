// Lesson page: live processing progress over SignalR, then the player.
import { connectHub, statusText } from "./format.js";
import { t } from "./text.js";
import { whileBusy } from "./forms.js";
import { renderSummary, watchTalk } from "./talk.js";
import { attachVideo } from "./player.js";

const article = document.getElementById("lesson");
const lessonId = article.dataset.lessonId;
const statusLine = document.getElementById("status-text");
const bar = document.getElementById("processing-progress");
const processing = document.getElementById("processing");
const player = document.getElementById("player");

function show(lesson) {
  article.dataset.status = lesson.status;
  statusLine.textContent = statusText(lesson);
  bar.value = lesson.progress;
  bar.hidden = lesson.status === "failed";
  // Playable comes first (its first segments are out), ready when poster and storyboard follow.
  if (lesson.playable) {
    if (!document.getElementById("video")) renderPlayer(lesson);
    document.getElementById("reviews-of-lesson").hidden = false; // asking for a review is the next step
  }
  if (lesson.status === "ready") {
    processing.hidden = true;
    const video = document.getElementById("video");
    if (video && !video.poster && lesson.posterUrl) video.poster = lesson.posterUrl;
    showTalk();
  }
}

// Who talked how much: measured after the lesson became playable, so it may still be on its way.
let talkShown = false;
function showTalk() {
  if (talkShown) return;
  talkShown = true;
  const section = document.getElementById("talk");
  section.hidden = false;
  const talk = watchTalk(lessonId, (analysis) => renderSummary(document.getElementById("talk-body"), analysis, () => talk.request()));
}
if (article.dataset.status === "ready") showTalk();

function renderPlayer(lesson) {
  const video = document.createElement("video");
  Object.assign(video, { id: "video", controls: true, preload: "metadata", playsInline: true });
  if (lesson.posterUrl) video.poster = lesson.posterUrl;
  video.setAttribute("controlslist", "nodownload");
  if (lesson.storyboardUrl) {
    const track = document.createElement("track");
    Object.assign(track, { kind: "metadata", label: "thumbnails", src: lesson.storyboardUrl });
    video.append(track);
  }
  player.replaceChildren(video);
  attachVideo(video, lesson.videoUrl);
}

const served = document.getElementById("video");
if (served) attachVideo(served, served.dataset.src);

async function refresh() {
  const response = await fetch(`/api/lessons/${lessonId}`);
  if (response.ok) show(await response.json());
}

if (article.dataset.status !== "ready" && article.dataset.status !== "failed") {
  const join = async (connection) => { await connection.invoke("JoinLesson", lessonId); await refresh(); };
  const connection = await connectHub(join);
  connection.on("LessonProgress", (p) => {
    // Playable, ready or failed: read the lesson again (its media URLs, or its reason in the reader's language).
    const newlyPlayable = p.playable && !document.getElementById("video");
    if (newlyPlayable || p.status === "ready" || p.status === "failed") refresh(); else show({ ...p, lessonId });
  });
  await join(connection);
}

document.getElementById("delete")?.addEventListener("click", async () => {
  if (!confirm(t("Delete this lesson and its video for everyone? This cannot be undone."))) return;
  const response = await fetch(`/api/lessons/${lessonId}`, { method: "DELETE" });
  if (response.ok) window.location.href = "/lessons";
  else alert((await response.json()).detail ?? t("The lesson could not be deleted."));
});

// No mentor ticked means a self-review: say which one the button opens before it is pressed.
const openReview = document.getElementById("open-review");
function showReviewKind() {
  const kind = openReview.querySelector('input[name="mentor"]:checked') ? "mentored" : "self";
  for (const el of openReview.querySelectorAll("[data-when]")) el.hidden = el.dataset.when !== kind;
}
openReview?.addEventListener("change", showReviewKind);

openReview?.addEventListener("submit", (e) => {
  e.preventDefault();
  return whileBusy(openReview, () => askForReview(e));
});

async function askForReview(e) {
  const mentorIds = [...e.target.querySelectorAll('input[name="mentor"]:checked')].map((i) => i.value);
  const kind = mentorIds.length ? "mentored" : "self"; // what the button said it would open
  const response = await fetch(`/api/lessons/${lessonId}/reviews`, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ mentorIds, kind }),
  });
  const error = document.getElementById("open-review-error");
  if (response.ok) { window.location.href = `/reviews/${(await response.json()).id}`; return; }
  error.textContent = (await response.json()).detail ?? t("The review could not be opened.");
  error.hidden = false;
}

// Recordings of pupils: no "Save video as…" menu (the controls offer no download either). A deterrent, not a lock.
player.addEventListener("contextmenu", (e) => { if (e.target instanceof HTMLVideoElement) e.preventDefault(); });
