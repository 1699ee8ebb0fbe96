// "Before your next lesson": acknowledge an action item or a comment in place.
import { t } from "./text.js";

document.addEventListener("click", async (e) => {
    const b = e.target.closest("[data-ack-item],[data-ack-comment]");
    if (!b) return;
    const review = b.dataset.review;
    const response = b.dataset.ackItem
        ? await fetch(`/api/reviews/${review}/action-items/${b.dataset.ackItem}`, { method: "PATCH", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ acknowledged: true }) })
        : await fetch(`/api/reviews/${review}/comments/${b.dataset.ackComment}/acknowledge`, { method: "POST" });
    if (response.ok) { b.replaceWith(Object.assign(document.createElement("span"), { className: "hint", textContent: t("✓ acknowledged") })); }
    else alert((await response.json()).detail ?? t("Could not acknowledge; try again."));
});
