// Copies the browser builds of our front-end libraries into wwwroot/lib.
// No bundler: the pages load these files and our own small ES modules directly.
import { cpSync, mkdirSync } from "node:fs";

const files = [
  ["node_modules/@microsoft/signalr/dist/browser/signalr.min.js", "wwwroot/lib/signalr.min.js"],
  ["node_modules/tus-js-client/dist/tus.min.js", "wwwroot/lib/tus.min.js"],
  // hls.js "light" (no subtitles, alternate audio or DRM, which lessons do not use), as an ES module
  ["node_modules/hls.js/dist/hls.light.min.mjs", "wwwroot/lib/hls.light.min.mjs"],
];
mkdirSync("wwwroot/lib", { recursive: true });
for (const [from, to] of files) cpSync(from, to);
console.log(`front-end: copied ${files.length} files into wwwroot/lib`);
