// One guard for every form that posts, so a double click or a second Ctrl+Enter sends nothing twice.
// Script-driven forms and buttons wrap their request in whileBusy; forms the browser posts itself
// (the Razor pages: people, framework, settings, sign-in) are guarded by the listener below.

/**
 * Runs work() unless `control` (a form, a button or a group of buttons) is already busy with an
 * earlier one; its buttons are disabled meanwhile and aria-busy tells assistive technology.
 */
export async function whileBusy(control, work) {
  if (control.getAttribute("aria-busy") === "true") return undefined;
  control.setAttribute("aria-busy", "true");
  const buttons = (control.matches("button") ? [control] : [...control.querySelectorAll("button")]).filter((b) => !b.disabled);
  buttons.forEach((b) => (b.disabled = true));
  try {
    return await work();
  } finally {
    buttons.forEach((b) => (b.disabled = false));
    control.removeAttribute("aria-busy");
  }
}

// A form the browser posts: the first submit goes, the rest are dropped until the next page (or
// until the page comes back from the back button). Scripts' own forms prevent the default first.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (event.defaultPrevented || !(form instanceof HTMLFormElement) || form.method !== "post") return;
  if (form.dataset.submitting) {
    event.preventDefault();
    return;
  }
  form.dataset.submitting = "true";
  form.setAttribute("aria-busy", "true");
});
window.addEventListener("pageshow", () => {
  for (const form of document.querySelectorAll("form[data-submitting]")) {
    delete form.dataset.submitting;
    form.removeAttribute("aria-busy");
  }
});
