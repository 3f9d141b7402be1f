// Redline: keyboard navigation between changes (j/k and the buttons), minimap jumps, and the
// page state that tests wait on. Everything works without this file; it only adds comfort.
(function () {
  "use strict";
  let current = -1;

  function changes() {
    return Array.from(document.querySelectorAll("#rows [data-change]")).filter(function (el) {
      const fold = el.closest("details");
      return !fold || fold.open;
    });
  }

  function show(index) {
    const rows = changes();
    if (!rows.length) return;
    current = Math.max(0, Math.min(rows.length - 1, index));
    document.querySelectorAll("#rows .current").forEach(function (el) { el.classList.remove("current"); });
    const row = rows[current];
    row.classList.add("current");
    row.scrollIntoView({ block: "center", behavior: "smooth" });
    const position = document.querySelector("[data-position]");
    if (position) position.textContent = (current + 1) + " / " + rows.length;
    if (history.replaceState) history.replaceState(history.state, "", "#" + row.id);
  }

  function move(step) {
    const rows = changes();
    if (current < 0 || current >= rows.length) {
      // Start from the first change below the top of the viewport.
      const next = rows.findIndex(function (el) { return el.getBoundingClientRect().top > 80; });
      current = step > 0 ? Math.max(0, next) - 1 : Math.max(0, next);
    }
    show(current + step);
  }

  document.addEventListener("keydown", function (event) {
    const target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    if (event.key === "j") { event.preventDefault(); move(1); }
    if (event.key === "k") { event.preventDefault(); move(-1); }
  });

  document.addEventListener("click", function (event) {
    const nav = event.target.closest("[data-nav]");
    if (nav) { event.preventDefault(); move(nav.dataset.nav === "next" ? 1 : -1); return; }
    const mark = event.target.closest(".minimap a");
    if (mark) {
      const row = document.querySelector(mark.getAttribute("href"));
      if (row) {
        event.preventDefault();
        current = changes().indexOf(row);
        show(current);
      }
    }
  });

  function setState(state) {
    const main = document.getElementById("main");
    if (main) main.dataset.state = state;
  }
  document.addEventListener("htmx:beforeRequest", function () { setState("busy"); });
  document.addEventListener("htmx:afterSettle", function () { current = -1; setState("idle"); });
  document.addEventListener("htmx:responseError", function () { setState("error"); });
})();
