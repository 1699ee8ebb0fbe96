// Shared formatting for pages: sizes, durations (m:ss or h:mm:ss), percentages.
export function bytes(n) {
  if (n >= 1 << 30) return `${(n / (1 << 30)).toFixed(2)} GB`;
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(1)} MB`;
  return `${Math.round(n / 1024)} KB`;
}

export function duration(seconds) {
  if (!isFinite(seconds)) return "—";
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${String(r).padStart(2, "0")}` : `${m}:${String(r).padStart(2, "0")}`;
}

export const percent = (fraction) => `${Math.floor(fraction * 100)}%`;

export function statusText(lesson) {
  switch (lesson.status) {
    case "uploading": return `Upload unfinished (${percent(lesson.progress)}).`;
    case "processing": return `Preparing the video… ${percent(lesson.progress)}`;
    case "ready": return "Ready to watch";
    case "failed": return `Could not be processed: ${lesson.error}`;
    default: return lesson.status;
  }
}

// A hub connection that re-joins its groups after every reconnect (SignalR replays nothing).
export async function connectHub(onReconnected) {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl("/hubs/review")
    .withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 30000])
    .build();
  connection.onreconnected(() => onReconnected(connection));
  await connection.start();
  return connection;
}
