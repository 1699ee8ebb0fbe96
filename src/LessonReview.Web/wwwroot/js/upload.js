// Upload page: tus resumable upload with drag-and-drop, progress (bytes, speed, time left),
// automatic retry when the connection drops, and resume after a reload (same file chosen again).
import { bytes, duration, percent } from "./format.js";
import { t } from "./text.js";

const form = document.getElementById("upload-form");
const fileInput = document.getElementById("file");
const dropZone = document.getElementById("drop-zone");
const title = document.getElementById("title");
const startButton = document.getElementById("start");
const pauseButton = document.getElementById("pause");
const statusBox = document.getElementById("upload-status");
const bar = document.getElementById("upload-progress");
const text = document.getElementById("upload-text");
const errorBox = document.getElementById("upload-error");
const maxBytes = Number(form.dataset.maxBytes);
let upload = null;
let samples = [];

const showError = (message) => { errorBox.textContent = message; errorBox.hidden = !message; };

function chooseFile(file) {
  fileInput.files = (() => { const t = new DataTransfer(); t.items.add(file); return t.files; })();
  if (!title.value) title.value = file.name.replace(/\.[^.]+$/, "");
}

dropZone.addEventListener("dragover", (e) => { e.preventDefault(); dropZone.classList.add("over"); });
dropZone.addEventListener("dragleave", () => dropZone.classList.remove("over"));
dropZone.addEventListener("drop", (e) => {
  e.preventDefault();
  dropZone.classList.remove("over");
  if (e.dataTransfer.files.length) chooseFile(e.dataTransfer.files[0]);
});
fileInput.addEventListener("change", () => { if (fileInput.files.length) chooseFile(fileInput.files[0]); });

function onProgress(sent, total) {
  const now = performance.now();
  samples.push([now, sent]);
  samples = samples.filter(([t]) => now - t < 10000);
  const [t0, b0] = samples[0];
  const speed = now > t0 ? ((sent - b0) * 1000) / (now - t0) : 0;
  bar.value = total ? sent / total : 0;
  text.textContent = t("{0} · {1} of {2}", percent(sent / total), bytes(sent), bytes(total)) +
    (speed > 0 ? t(" · {0}/s · about {1} left", bytes(speed), duration((total - sent) / speed)) : "");
}

function describe(error) {
  const response = error.originalResponse;
  if (response) {
    try {
      const problem = JSON.parse(response.getBody());
      if (problem.detail) return problem.detail;
    } catch { /* not JSON */ }
    if (response.getStatus() === 401) return t("You are signed out. Sign in again, then choose the same file to continue.");
  }
  return navigator.onLine
    ? t("The upload stopped. Press Upload to continue from where it stopped.")
    : t("The connection is down. The upload continues when the network returns.");
}

form.addEventListener("submit", async (e) => {
  e.preventDefault();
  showError("");
  const file = fileInput.files[0];
  if (!file) return showError(t("Choose the recording to upload first."));
  if (!title.value.trim()) { title.focus(); return showError(t("Give the lesson a title, for example the school, grade and unit.")); }
  if (!form.consent.checked) { form.consent.focus(); return showError(t("Confirm the school's consent for filming this class first.")); }
  if (file.size > maxBytes) return showError(t("This file is {0}; the largest accepted is {1}.", bytes(file.size), bytes(maxBytes)));
  // From here on one upload runs: a second click (or Enter) before it starts must not begin another.
  if (startButton.disabled) return;
  startButton.disabled = true;

  upload = new tus.Upload(file, {
    endpoint: "/api/uploads",
    chunkSize: 64 * 1024 * 1024,
    // School Wi-Fi drops for minutes at a time: keep trying for about ten minutes.
    retryDelays: [0, 1000, 3000, 5000, 10000, 20000, 30000, 60000, 60000, 60000, 60000, 60000, 60000, 60000, 60000],
    removeFingerprintOnSuccess: true,
    metadata: {
      filename: file.name,
      title: title.value.trim(),
      lessonDate: form.lessonDate.value,
      nextLessonDate: form.nextLessonDate.value,
      consent: "confirmed", // the box above is ticked
    },
    onProgress,
    // The connection dropped (Wi-Fi gone, server unreachable): say that it is being retried, instead
    // of leaving the last speed and time left frozen on screen. Retries whatever navigator.onLine
    // says (it is true on Wi-Fi without a route out); 4xx answers other than 409/423 are final.
    onShouldRetry(error, attempt, options) {
      const status = error.originalResponse ? error.originalResponse.getStatus() : 0;
      const retry = !(status >= 400 && status < 500) || status === 409 || status === 423;
      if (retry) {
        samples = [];
        const wait = options.retryDelays[attempt] ?? 0;
        text.textContent = wait >= 1000
          ? t("{0} sent · connection lost, reconnecting in {1} s… The upload continues by itself: keep this page open.", percent(bar.value), Math.round(wait / 1000))
          : t("{0} sent · connection lost, reconnecting… The upload continues by itself: keep this page open.", percent(bar.value));
      }
      return retry;
    },
    onError(error) {
      startButton.disabled = false;
      pauseButton.hidden = true;
      showError(describe(error));
    },
    onSuccess() {
      text.textContent = t("Upload complete. Preparing the video…");
      const id = upload.url.split("/").pop();
      window.location.href = `/lessons/${id}`;
    },
  });

  const previous = await upload.findPreviousUploads();
  if (previous.length) {
    upload.resumeFromPreviousUpload(previous[0]);
    text.textContent = t("Continuing your earlier upload of this file…");
  }
  statusBox.hidden = false;
  startButton.disabled = true;
  pauseButton.hidden = false;
  samples = [];
  upload.start();
});

pauseButton.addEventListener("click", () => {
  if (!upload) return;
  upload.abort();
  pauseButton.hidden = true;
  startButton.disabled = false;
  startButton.textContent = t("Continue upload");
  text.textContent += t(" · paused");
});

window.addEventListener("online", () => { if (upload && startButton.disabled === false && errorBox.hidden === false) form.requestSubmit(); });
