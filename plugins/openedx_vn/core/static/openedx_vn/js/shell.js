/* The shell's behaviour: tables wider than a phone scroll inside the page (base.css); a region that
   scrolls must be reachable with the keyboard (WCAG 2.1.1), so it gets a tab stop while it overflows.
   The user menu closes with Escape and when focus or a click leaves it. */
(function () {
  "use strict";
  function markScrollable() {
    document.querySelectorAll(".vn-main table, .vn-main .vn-scroll, .vn-main .vn-grid").forEach(function (el) {
      var scrolls = el.scrollWidth > el.clientWidth + 1;
      if (scrolls && !el.hasAttribute("tabindex")) {
        el.setAttribute("tabindex", "0");
        el.dataset.vnScrollable = "1";
      } else if (!scrolls && el.dataset.vnScrollable) {
        el.removeAttribute("tabindex");
        delete el.dataset.vnScrollable;
      }
    });
  }
  function closeMenus(event) {
    document.querySelectorAll("details.vn-usermenu[open]").forEach(function (menu) {
      if (!event || !menu.contains(event.target)) {
        menu.removeAttribute("open");
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    markScrollable();
    // Pages build tables with script (the matrix editor): check again when the main content changes.
    var main = document.querySelector(".vn-main"), pending = null;
    if (main && window.MutationObserver) {
      new MutationObserver(function () {
        window.clearTimeout(pending);
        pending = window.setTimeout(markScrollable, 100);
      }).observe(main, { childList: true, subtree: true });
    }
  });
  window.addEventListener("load", markScrollable);
  window.addEventListener("resize", markScrollable);
  document.addEventListener("click", closeMenus);
  document.addEventListener("focusin", closeMenus);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      var open = document.querySelector("details.vn-usermenu[open]");
      if (open) {
        open.removeAttribute("open");
        open.querySelector("summary").focus();
      }
    }
  });
}());
