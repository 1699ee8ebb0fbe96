// Plays a lesson's video. New lessons are HLS (index.m3u8 with fMP4 segments) that may still be
// growing while the lesson encodes: hls.js plays them where the browser has Media Source Extensions
// (Chromium, Firefox, desktop Safari, iPadOS), the browser itself where it plays HLS natively (Safari
// on iPhone). Lessons made before HLS are one MP4, which every browser plays as it is.

let hlsLibrary; // loaded once, only on pages that play HLS

/** Loads `url` into `video`, starting at `start` seconds. Returns the hls.js instance, or null. */
export async function attachVideo(video, url, start = 0) {
  if (!url) return null;
  if (!url.endsWith(".m3u8")) { video.src = url; return null; }
  if (window.MediaSource || window.ManagedMediaSource) {
    hlsLibrary ??= import("/lib/hls.light.min.mjs");
    const { default: Hls } = await hlsLibrary;
    if (Hls.isSupported()) return playWithHlsJs(Hls, video, url, start);
  }
  video.src = url; // native HLS
  return null;
}

function playWithHlsJs(Hls, video, url, start) {
  const hls = new Hls({
    // A playlist still growing is "live" to hls.js, which would start at its newest segment: a
    // lesson is watched from the start (or from the linked moment), whatever is still encoding.
    startPosition: start,
    // fMP4 needs no transmuxing, so no worker (and no blob: worker for the page's CSP to allow).
    enableWorker: false,
  });
  let recoveries = 0;
  hls.on(Hls.Events.ERROR, (_event, data) => {
    if (!data.fatal) return;
    // A network hiccup or a decoder stall: try again a few times before giving up, as hls.js advises.
    if (recoveries++ > 3) { hls.destroy(); video.dispatchEvent(new Event("error")); return; }
    if (data.type === Hls.ErrorTypes.NETWORK_ERROR) hls.startLoad();
    else if (data.type === Hls.ErrorTypes.MEDIA_ERROR) hls.recoverMediaError();
    else { hls.destroy(); video.dispatchEvent(new Event("error")); }
  });
  hls.loadSource(url);
  hls.attachMedia(video);
  video.dataset.player = "hls.js"; // what plays it, for tests and support
  return hls;
}
