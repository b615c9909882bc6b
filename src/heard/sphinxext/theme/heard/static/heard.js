// Heard's menu and on-page contents buttons. Furo's CSS opens a drawer when its hidden
// checkbox is checked; these buttons check it, say whether it is open (aria-expanded), and
// Escape or a click outside closes it.
(function () {
  "use strict";
  const buttons = [...document.querySelectorAll("button[data-toggle]")];
  function set(id, open) {
    const box = document.getElementById(id);
    if (!box) return;
    box.checked = open;
    for (const button of buttons) {
      if (button.dataset.toggle === id) button.setAttribute("aria-expanded", String(open));
    }
    document.documentElement.classList.toggle("heard-open-" + id.replace(/_/g, ""), open);
  }
  for (const button of buttons) {
    button.addEventListener("click", function () {
      const box = document.getElementById(button.dataset.toggle);
      set(button.dataset.toggle, !(box && box.checked));
    });
  }
  for (const overlay of document.querySelectorAll("[data-close]")) {
    overlay.addEventListener("click", function () { set(overlay.dataset.close, false); });
  }
  // A link in the on-page contents scrolls the page: close the drawer it was opened from.
  for (const link of document.querySelectorAll(".toc-tree a")) {
    link.addEventListener("click", function () { set("__toc", false); });
  }
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    for (const id of ["__navigation", "__toc"]) {
      const box = document.getElementById(id);
      if (box && box.checked) {
        set(id, false);
        const button = buttons.find(b => b.dataset.toggle === id && b.offsetParent !== null);
        if (button) button.focus();
      }
    }
  });
})();

// A table wider than the screen scrolls inside its own box (Furo's .table-wrapper). Such a box
// must be reachable from the keyboard to be scrolled (WCAG 2.1.1): give it a Tab stop and a
// name while, and only while, it scrolls.
(function () {
  "use strict";
  function mark() {
    for (const box of document.querySelectorAll("article .table-wrapper")) {
      if (box.scrollWidth > box.clientWidth + 1) {
        const caption = box.querySelector("caption .caption-text, caption");
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", caption ? caption.textContent.trim() : "Table");
      } else if (box.getAttribute("role") === "region") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    }
  }
  mark();
  window.addEventListener("resize", mark);
})();
