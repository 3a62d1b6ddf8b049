// Desk intake, improved: the service search filters the list as the agent types, and choosing a
// service reloads the form with that service's document checklist (typed values are kept in the
// URL only for the search, nothing personal). Without this file the same works with plain GETs.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const search = document.querySelector("input[data-filter]");
  const select = document.getElementById("service");
  if (!search || !select) return;
  const options = Array.from(select.options).slice(1);
  const fold = (text) => text.normalize("NFD").replace(/[\u0300-\u036f\u064b-\u065f]/g, "").toLowerCase();
  search.addEventListener("input", () => {
    const words = fold(search.value).split(/\s+/).filter(Boolean);
    let visible = [];
    for (const option of options) {
      const match = words.every((w) => fold(option.textContent + " " + option.value).includes(w));
      option.hidden = !match;
      if (match) visible.push(option);
    }
    if (visible.length === 1 && select.value !== visible[0].value) {
      select.value = visible[0].value;
    }
  });
  select.addEventListener("change", () => {
    if (!select.value) return;
    const url = new URL(select.dataset.reload, window.location.href);
    url.searchParams.set("service", select.value);
    if (search.value) url.searchParams.set("q", search.value);
    window.location.assign(url.toString());
  });
});
