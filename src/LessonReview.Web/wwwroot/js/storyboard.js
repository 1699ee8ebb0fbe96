// Storyboard previews: hovering the timeline shows the thumbnail for that moment, read from the
// WebVTT thumbnails track (sprite#xywh=x,y,w,h) the server made from keyframes.
import { duration as clock } from "./format.js";

function parseTime(text) {
  const [h, m, s] = text.trim().split(":");
  return Number(h) * 3600 + Number(m) * 60 + Number(s);
}

function parseVtt(text, base) {
  const cues = [];
  for (const block of text.split(/\n\n+/)) {
    const lines = block.trim().split("\n");
    const timing = lines.find((l) => l.includes("-->"));
    const target = lines[lines.indexOf(timing) + 1];
    if (!timing || !target) continue;
    const [start, end] = timing.split("-->").map(parseTime);
    const [file, hash] = target.split("#xywh=");
    const [x, y, w, h] = hash.split(",").map(Number);
    cues.push({ start, end, url: new URL(file, base).href, x, y, w, h });
  }
  return cues;
}

// While the lesson still encodes the track covers only what is encoded so far: it is read again every
// REFRESH_MS (for at most an hour) until it covers the whole lesson; sheets that grew are fetched
// afresh (their ?n= changes with the number of thumbnails).
const REFRESH_MS = 10_000;
const MAX_READS = 360;

export async function loadStoryboard(video, timeline, preview, image, label, lessonSeconds = 0) {
  const url = video.dataset.storyboard;
  if (!url) return;
  let cues = [];
  const covered = () => cues.length > 0 && (!lessonSeconds || cues.at(-1).end >= lessonSeconds - 0.5);
  let reads = 0;
  async function read() {
    reads += 1;
    try {
      const response = await fetch(url, { cache: "no-store" });
      if (response.ok) {
        const parsed = parseVtt(await response.text(), new URL(url, location.href));
        cues = parsed.map((c) => ({ ...c, url: `${c.url}?n=${parsed.length}` }));
      }
    } catch { /* offline for a moment: the next read tries again */ }
    if (!covered() && reads < MAX_READS) setTimeout(read, REFRESH_MS);
  }
  await read();
  const total = () => lessonSeconds || video.duration || cues.at(-1)?.end || 1;
  timeline.addEventListener("mousemove", (e) => {
    const box = timeline.getBoundingClientRect();
    const t = ((e.clientX - box.left) / box.width) * total();
    const cue = cues.find((c) => t >= c.start && t < c.end) ?? cues.at(-1);
    if (!cue) return;
    Object.assign(image.style, {
      width: `${cue.w}px`, height: `${cue.h}px`, backgroundImage: `url("${cue.url}")`, backgroundPosition: `-${cue.x}px -${cue.y}px`,
    });
    label.textContent = clock(t);
    preview.style.left = `${Math.min(Math.max(0, e.clientX - box.left - cue.w / 2), box.width - cue.w)}px`;
    preview.hidden = false;
  });
  timeline.addEventListener("mouseleave", () => (preview.hidden = true));
  timeline.addEventListener("click", (e) => {
    if (e.target !== timeline) return; // markers seek to their own moment
    const box = timeline.getBoundingClientRect();
    video.currentTime = ((e.clientX - box.left) / box.width) * total();
  });
}
