// Heard's search page.
// 1. A status line for screen readers: copy Sphinx's result summary into it when it changes.
// 2. Opened from a folder (file:// addresses), browsers will not let a page fetch other pages,
//    which Sphinx does to show an extract under each result. The build writes every page's
//    text into _static/heard-page-text.js; from a folder, Sphinx's fetch reads it from there.
(function () {
  "use strict";
  if (location.protocol === "file:") {
    const root = document.documentElement.dataset.content_root || "";
    const pageFetch = window.fetch;
    let texts = null;
    function load() {
      if (!texts) {
        texts = new Promise(function (resolve) {
          const script = document.createElement("script");
          script.src = root + "_static/heard-page-text.js";
          script.onload = function () { resolve(window.HEARD_PAGE_TEXT || {}); };
          script.onerror = function () { resolve({}); };
          document.head.appendChild(script);
        });
      }
      return texts;
    }
    window.fetch = function (url, options) {
      const address = new URL(String(url), location.href);
      const base = new URL(root, location.href);
      if (address.protocol !== "file:" || !address.href.startsWith(base.href)
          || !address.pathname.endsWith(".html")) {
        return pageFetch(url, options);
      }
      const page = decodeURIComponent(address.href.slice(base.href.length).split(/[?#]/)[0]);
      return load().then(function (all) {
        const text = all[page.replace(/\.html$/, "")] || "";
        return new Response('<div role="main">' + text + "</div>",
                            {headers: {"Content-Type": "text/html"}});
      });
    };
  }
  document.addEventListener("DOMContentLoaded", function () {
    const results = document.getElementById("search-results");
    const status = document.getElementById("search-status");
    if (!results || !status) return;
    new MutationObserver(function () {
      const summary = results.querySelector(".search-summary");
      if (summary && summary.textContent && status.textContent !== summary.textContent) {
        status.textContent = summary.textContent;
      }
    }).observe(results, {childList: true, subtree: true, characterData: true});
  });
})();
