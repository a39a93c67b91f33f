// A form with data-confirm asks before it is sent (the Content-Security-Policy allows no inline handlers).
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
});

function focusOn(element) {
  if (!element.matches("a, button, input, select, textarea, [tabindex]")) element.tabIndex = -1;
  element.focus();
}

// The notice of an action stands beside the part of the page that changed, and takes the focus.
function placeNotice() {
  const notice = document.getElementById("flash");
  if (!notice || notice.dataset.placed) return false;
  notice.dataset.placed = "true";
  const part = notice.dataset.anchor ? document.getElementById(notice.dataset.anchor) : null;
  if (part) {
    const heading = part.matches("h1, h2, h3") ? part : part.querySelector("h2, h3");
    (heading || part).after(notice);
  }
  focusOn(notice);
  return true;
}

// After htmx swapped a part in: the focus goes to the first error, else the notice in it, else the form a link
// opened; keyboard and screen-reader users stay where the change is.
document.body.addEventListener("htmx:afterSettle", (event) => {
  if (placeNotice()) return;
  let part = event.target;
  if (!(part instanceof Element)) return;
  // An outerHTML swap settles on the element it replaced: the new one carries the same id.
  if (!part.isConnected && part.id) part = document.getElementById(part.id);
  if (!part) return;
  const trigger = event.detail.requestConfig ? event.detail.requestConfig.elt : null;
  // A table sorted by its header keeps the focus on the header's link (htmx finds it again by its id).
  if (trigger instanceof HTMLAnchorElement && trigger.classList.contains("sort-link")) return;
  const target =
    part.querySelector('[aria-invalid="true"]') ||
    part.querySelector(".hds-notification") ||
    (trigger instanceof HTMLAnchorElement && part.querySelector("form input:not([type=hidden]), form select, form textarea"));
  if (target) focusOn(target);
});

// A refused or failed htmx action says why in place, above the form that was sent.
function showRefusal(event) {
  const origin = event.detail.elt.closest("form") || event.detail.elt;
  let text = event.detail.xhr && event.detail.xhr.status ? document.body.dataset.refused : document.body.dataset.sendFailed;
  const answer = event.detail.xhr && event.detail.xhr.responseText;
  if (answer) {
    const problem = new DOMParser().parseFromString(answer, "text/html").querySelector("[data-problem]");
    if (problem && problem.textContent.trim()) text = problem.textContent.trim();
  }
  const earlier = origin.previousElementSibling;
  if (earlier && earlier.classList.contains("refusal")) earlier.remove();
  const box = document.createElement("div");
  box.className = "hds-notification hds-notification--error refusal";
  box.setAttribute("role", "alert");
  const content = document.createElement("div");
  content.className = "hds-notification__content";
  const body = document.createElement("div");
  body.className = "hds-notification__body";
  body.textContent = text;
  content.append(body);
  box.append(content);
  origin.before(box);
  focusOn(box);
}
document.body.addEventListener("htmx:beforeSwap", (event) => {
  // An error page (403, 404, an unhandled 409, 5xx) never replaces a part of the page: its reason is shown instead.
  if (event.detail.xhr.getResponseHeader("X-Refused")) {
    event.detail.shouldSwap = false;
    event.detail.isError = false;
    showRefusal(event);
  }
});
document.body.addEventListener("htmx:responseError", (event) => {
  if (!event.detail.xhr.getResponseHeader("X-Refused")) showRefusal(event);
});
document.body.addEventListener("htmx:sendError", showRefusal);

placeNotice();

// The decisions grid: the body and the date typed in the first row fill the rows below not yet typed in.
const PREFILLED_COLUMNS = ["body", "meeting_date"];
document.addEventListener("input", (event) => {
  const field = event.target;
  const grid = field.closest ? field.closest("#decision-grid") : null;
  if (!grid || !PREFILLED_COLUMNS.includes(field.dataset.column)) return;
  const rows = grid.querySelectorAll("tbody tr");
  if (rows.length < 2 || !rows[0].contains(field)) {
    field.dataset.typed = "true";
    return;
  }
  rows.forEach((row, index) => {
    const other = row.querySelector(`[data-column="${field.dataset.column}"]`);
    if (index > 0 && other && other.dataset.typed !== "true") other.value = field.value;
  });
});

// The pool form shows the fields of the key chosen; without JavaScript every key's fields stay in view.
function showChosenKey(form) {
  const chosen = form.querySelector("input[name=key_kind]:checked");
  form.querySelectorAll("[data-key-fields]").forEach((part) => {
    part.hidden = !chosen || part.dataset.keyFields !== chosen.value;
  });
}
document.addEventListener("change", (event) => {
  if (event.target.name === "key_kind" && event.target.form) showChosenKey(event.target.form);
});
function showChosenKeys() {
  document.querySelectorAll("form").forEach((form) => {
    if (form.querySelector("[data-key-fields]")) showChosenKey(form);
  });
}
document.addEventListener("DOMContentLoaded", showChosenKeys);
document.body.addEventListener("htmx:afterSettle", showChosenKeys);

// A calendar address is selected whole when its field gets the focus, and copied by its button (shown only where
// JavaScript runs); the status beside the button says so.
document.addEventListener("focusin", (event) => {
  if (event.target instanceof HTMLInputElement && event.target.hasAttribute("data-select")) event.target.select();
});
document.addEventListener("click", async (event) => {
  const button = event.target instanceof Element ? event.target.closest("[data-copy]") : null;
  if (!button) return;
  const field = document.getElementById(button.dataset.copy);
  if (!(field instanceof HTMLInputElement)) return;
  field.select();
  try {
    await navigator.clipboard.writeText(field.value);
  } catch {
    document.execCommand("copy");
  }
  const status = button.nextElementSibling;
  if (status && status.dataset.copied) status.textContent = status.dataset.copied;
});
function showCopyButtons() {
  document.querySelectorAll("button[data-copy][hidden]").forEach((button) => { button.hidden = false; });
}
document.addEventListener("DOMContentLoaded", showCopyButtons);
document.body.addEventListener("htmx:afterSettle", showCopyButtons);

// A print button opens the browser's printing; the print stylesheet leaves the page's content alone on paper.
document.addEventListener("click", (event) => {
  if (event.target instanceof Element && event.target.closest("[data-print]")) window.print();
});
