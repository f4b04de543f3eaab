"use strict";
// Placeholder: the page is built on the serve-page branch.
fetch("/api/health").then((r) => r.json()).then((h) => {
  document.getElementById("status").textContent = `${h.repo} @ ${h.head}`;
});
