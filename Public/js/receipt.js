// The receipt works without this file; with it, a print button appears and takes focus.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const button = document.getElementById("print-receipt");
  if (!button) return;
  button.hidden = false;
  button.addEventListener("click", () => window.print());
  button.focus();
});
