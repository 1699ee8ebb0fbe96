// Talk analytics (issue 14): who talked how much, measured on the server from the lesson's sound.
// A summary (lesson page and review workspace), a strip of teacher / student / silence bands under
// the review's timeline, and the same turns as a list of buttons (the strip's text alternative).
// Shown once, not as a live meter: research found a constant meter distracting.
import { duration as clock } from "./format.js";
import { t } from "./text.js";

const SVG = "http://www.w3.org/2000/svg";
const PENDING = ["queued", "running"];

// Reads the lesson's analysis and calls render with it; again every few seconds while it is being made.
export function watchTalk(lessonId, render) {
  let timer = null;
  async function load() {
    clearTimeout(timer);
    const response = await fetch(`/api/lessons/${lessonId}/talk`);
    if (!response.ok) return;
    const talk = await response.json();
    render(talk);
    if (PENDING.includes(talk.status)) timer = setTimeout(load, 3000);
  }
  load();
  // Asks for the analysis (again); resolves to an error sentence, or null when it was queued.
  async function request() {
    const response = await fetch(`/api/lessons/${lessonId}/talk`, { method: "POST" });
    if (!response.ok) return (await response.json()).detail ?? t("The talk could not be measured.");
    await load();
    return null;
  }
  return { request };
}

// Consecutive segments of one side are one turn: it lasts until the other side speaks.
export function turns(segments) {
  const result = [];
  for (const s of segments) {
    const last = result[result.length - 1];
    if (last && last.speaker === s.speaker) { last.end = s.end; last.spoken += s.end - s.start; }
    else result.push({ start: s.start, end: s.end, speaker: s.speaker, spoken: s.end - s.start });
  }
  return result;
}

const percent = (fraction) => `${Math.round(fraction * 100)}%`;
// The students' share is what the teacher's leaves, so the two always add up to 100%.
const studentPercent = (talk) => `${100 - Math.round(talk.teacherShare * 100)}%`;
const seconds = (s) => t("{0} s", s.toFixed(1));

const SIDE = { teacher: () => t("Teacher"), student: () => t("Students") };

// The summary: a bar of the lesson's time, the numbers, and what they are; or where the analysis stands.
export function renderSummary(body, talk, request) {
  body.replaceChildren();
  if (talk.status === "ready" && !talk.speechSeconds) {
    body.append(paragraph(t("No speech was found in this recording's sound."), "hint"));
    return;
  }
  if (talk.status === "ready") {
    body.append(bar(talk));
    const dl = document.createElement("dl");
    dl.className = "talk-numbers";
    for (const [term, value] of [
      [t("Teacher talk"), t("{0} of the talk · {1}", percent(talk.teacherShare), clock(talk.teacherSeconds))],
      [t("Student talk"), t("{0} of the talk · {1}", studentPercent(talk), clock(talk.studentSeconds))],
      [t("Student turns"), String(talk.studentTurns)],
      [t("Longest teacher turn"), clock(talk.longestTeacherTurnSeconds)],
      [t("Median wait before students answer"), talk.medianWaitSeconds == null ? "—" : seconds(talk.medianWaitSeconds)],
      [t("Silence"), clock(talk.silenceSeconds)],
    ]) {
      const dt = document.createElement("dt"); dt.textContent = term;
      const dd = document.createElement("dd"); dd.textContent = value;
      dl.append(dt, dd);
    }
    body.append(dl, paragraph(t("Measured from the recording's sound on this server. Voices are told apart automatically and can be mistaken: a starting point for a conversation, not a score."), "hint"));
    return;
  }
  const words = {
    none: t("The talk in this lesson has not been measured."),
    queued: t("The talk in this lesson is being measured…"),
    running: t("The talk in this lesson is being measured…"),
    failed: talk.error ?? t("The talk could not be measured."),
  }[talk.status];
  body.append(paragraph(words, talk.status === "failed" ? "error" : "hint"));
  if (talk.status === "none" || talk.status === "failed") {
    const ask = document.createElement("button");
    ask.type = "button";
    ask.className = "secondary";
    ask.textContent = talk.status === "none" ? t("Measure the talk") : t("Measure the talk again");
    const error = paragraph("", "error");
    error.setAttribute("role", "alert");
    error.hidden = true;
    ask.addEventListener("click", async () => {
      ask.disabled = true;
      const problem = await request();
      if (problem) { error.textContent = problem; error.hidden = false; ask.disabled = false; }
    });
    body.append(ask, error);
  }
}

// The whole lesson as one bar: teacher, students, silence, in proportion, with a legend in words.
function bar(talk) {
  const figure = document.createElement("figure");
  figure.className = "talk-bar";
  const total = talk.durationSeconds || 1;
  const parts = [["teacher", talk.teacherSeconds], ["student", talk.studentSeconds], ["silence", talk.silenceSeconds]];
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 1000 16");
  svg.setAttribute("preserveAspectRatio", "none");
  svg.setAttribute("aria-hidden", "true"); // the legend and the numbers say the same in words
  let x = 0;
  for (const [side, seconds] of parts) {
    const width = (seconds / total) * 1000;
    svg.append(rect(x, width, `talk-${side}`));
    x += width;
  }
  const legend = document.createElement("figcaption");
  legend.className = "talk-legend";
  for (const [side, seconds] of parts) {
    const key = document.createElement("span");
    key.className = `key talk-${side}`;
    const label = side === "silence" ? t("Silence") : SIDE[side]();
    key.textContent = t("{0}: {1} of the lesson", label, percent(seconds / total));
    legend.append(key);
  }
  figure.append(svg, legend);
  return figure;
}

// The strip under the review's timeline: a band per segment at its place in the lesson. Clicking a
// band picks its whole turn (pick(turn)); clicking silence picks that moment (pick({ start })).
export function renderStrip(strip, talk, pick) {
  strip.replaceChildren();
  strip.hidden = talk.status !== "ready" || !talk.segments.length;
  if (strip.hidden) return;
  const total = talk.durationSeconds || 1;
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${total} 1`);
  svg.setAttribute("preserveAspectRatio", "none");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", t("Who talked when: teacher {0}, students {1} of the talk. The list of turns has the same in words.",
    percent(talk.teacherShare), studentPercent(talk)));
  svg.append(rect(0, total, "talk-silence", 1));
  for (const s of talk.segments) svg.append(rect(s.start, s.end - s.start, `talk-${s.speaker}`, 1));
  const all = turns(talk.segments);
  svg.addEventListener("click", (e) => {
    const box = svg.getBoundingClientRect();
    const at = ((e.clientX - box.left) / box.width) * total;
    pick(all.find((turn) => turn.start <= at && at <= turn.end && talk.segments.some((s) => s.start <= at && at <= s.end)) ?? { start: at, end: null });
  });
  strip.append(svg);
}

// The turns as buttons (the strip's text alternative): each picks its turn like a click on its band.
export function renderTurnList(list, talk, pick) {
  list.replaceChildren(...turns(talk.segments).map((turn) => {
    const li = document.createElement("li");
    const b = document.createElement("button");
    b.type = "button";
    b.className = `link talk-turn talk-${turn.speaker}`;
    b.textContent = t("{0}–{1} {2}, speaking {3}", clock(turn.start), clock(turn.end), SIDE[turn.speaker](), seconds(turn.spoken));
    b.addEventListener("click", () => pick(turn));
    li.append(b);
    return li;
  }));
}

function rect(x, width, className, height = 16) {
  const r = document.createElementNS(SVG, "rect");
  r.setAttribute("x", x);
  r.setAttribute("y", 0);
  r.setAttribute("width", Math.max(0, width));
  r.setAttribute("height", height);
  r.setAttribute("class", className);
  return r;
}

function paragraph(text, className) {
  const p = document.createElement("p");
  p.className = className;
  p.textContent = text;
  return p;
}
