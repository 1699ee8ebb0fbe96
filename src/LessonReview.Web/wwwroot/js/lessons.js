// "My lessons": live progress for lessons still being prepared.
import { connectHub, statusText } from "./format.js";

const pending = [...document.querySelectorAll('.lesson-card[data-status="processing"]')];
if (pending.length) {
  const joinAll = (connection) => Promise.all(pending.map((card) => connection.invoke("JoinLesson", card.dataset.lessonId)));
  const connection = await connectHub(joinAll);
  connection.on("LessonProgress", (p) => {
    const card = document.querySelector(`.lesson-card[data-lesson-id="${p.lessonId}"]`);
    if (!card) return;
    if (p.status === "ready" || p.status === "failed") { window.location.reload(); return; }
    card.querySelector('[data-role="status"]').textContent = statusText(p);
    const bar = card.querySelector("progress");
    if (bar) bar.value = p.progress;
  });
  await joinAll(connection);
}
