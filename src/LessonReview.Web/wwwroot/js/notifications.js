// The header's notification count, live: the server sends the new count to every page of the
// person when a notification arrives or is read elsewhere; after a reconnect the page asks again.
import { connectHub } from "./format.js";
import { t } from "./text.js";

const link = document.getElementById("notifications-link");
const badge = document.getElementById("unread-count");
const unreadWords = document.getElementById("unread-words");
const announcer = document.getElementById("notifications-announcer");

function show(unread) {
  const before = Number(badge.textContent) || 0;
  badge.textContent = String(unread);
  badge.hidden = unread === 0;
  unreadWords.hidden = unread === 0;
  if (unread > before) announcer.textContent = t("You have a new notification.");
}

async function refresh() {
  const response = await fetch("/api/notifications", { headers: { Accept: "application/json" } });
  if (response.ok) show((await response.json()).unread);
}

if (link && badge && typeof signalR !== "undefined") {
  connectHub(refresh)
    .then((connection) => connection.on("NotificationsChanged", (m) => show(m.unread)))
    .catch(() => { /* the count stays as the page was served; the page's own parts say when live updates fail */ });
}
