// The page's words in the reader's language. _Layout writes the ScriptText resource's translations
// into #ui-text (English key → text); English is the key itself. "{0}" marks a value's place, so a
// translation can move it where its word order needs it.
const table = JSON.parse(document.getElementById("ui-text")?.textContent || "{}");

export function t(key, ...values) {
  const text = table[key] ?? key;
  return values.length ? text.replace(/\{(\d+)\}/g, (m, i) => (i < values.length ? String(values[i]) : m)) : text;
}

// The reader's language and time zone (the account's, else the programme's): dates and "today" agree with the server.
export const language = document.documentElement.lang || "en";
export const timeZone = document.documentElement.dataset.timeZone || undefined;
export const today = () => new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());

// A moment (ISO string from the API) as a date and time in the reader's zone and language.
export const dateTime = (iso) =>
  new Intl.DateTimeFormat(language, { timeZone, dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
