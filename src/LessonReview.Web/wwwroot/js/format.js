// Shared formatting for pages: sizes, durations (m:ss or h:mm:ss), percentages.
import { t } from "./text.js";

export function bytes(n) {
  if (n >= 1 << 30) return `${(n / (1 << 30)).toFixed(2)} GB`;
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(1)} MB`;
  return `${Math.round(n / 1024)} KB`;
}

export function duration(seconds) {
  if (!isFinite(seconds)) return "—";
  const s = Math.max(0, Math.floor(seconds)); // the second a moment falls in, as exports, print and "next" pages show it
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${String(r).padStart(2, "0")}` : `${m}:${String(r).padStart(2, "0")}`;
}

export const percent = (fraction) => `${Math.floor(fraction * 100)}%`;

export function statusText(lesson) {
  switch (lesson.status) {
    case "uploading": return t("Upload unfinished ({0}).", percent(lesson.progress));
    case "processing": return lesson.playable
      ? t("You can watch it now; the rest is still being prepared… {0}", percent(lesson.progress))
      : t("Preparing the video… {0}", percent(lesson.progress));
    case "ready": return t("Ready to watch");
    case "failed": return t("Could not be processed: {0}", lesson.error);
    default: return lesson.status;
  }
}

// The page's one hub connection (the header's notification count and the page's own live parts
// share it), which re-joins the caller's groups after every reconnect (SignalR replays nothing).
let shared;
export async function connectHub(onReconnected = () => {}) {
  shared ??= openHub().catch((e) => { shared = undefined; throw e; });
  const connection = await shared;
  connection.onreconnected(() => onReconnected(connection));
  return connection;
}

async function openHub() {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl("/hubs/review")
    .withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 30000])
    .build();
  // The sign-in ended (signed out elsewhere, account disabled, password reset): say so and stop,
  // rather than reconnecting for ever with a cookie the server no longer accepts.
  connection.on("SessionEnded", async (m) => {
    connection.endedReason = t(m.message);
    showSessionEnded(connection.endedReason);
    await connection.stop();
  });
  await connection.start();
  return connection;
}

function showSessionEnded(message) {
  const main = document.querySelector("main");
  if (!main || document.getElementById("session-ended")) return;
  const alert = document.createElement("p");
  alert.id = "session-ended";
  alert.className = "error";
  alert.setAttribute("role", "alert");
  alert.textContent = `${message} `;
  const link = document.createElement("a");
  link.href = `/signin?ReturnUrl=${encodeURIComponent(location.pathname + location.search)}`;
  link.textContent = t("Sign in again");
  alert.append(link);
  main.prepend(alert);
  disableControls(main);
}

// A page that may no longer act (signed out, access revoked) keeps showing what it has, read-only.
export function disableControls(root) {
  root.querySelectorAll("button, textarea, input, select").forEach((e) => (e.disabled = true));
}
