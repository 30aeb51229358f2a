// Small enhancements; every page works without them.
(function () {
  "use strict";
  var KEY = "congtin-font-scale";
  var STEPS = [0.9, 1, 1.12, 1.25];

  function applyScale(index) {
    document.documentElement.style.setProperty("--font-scale", String(STEPS[index]));
  }

  var saved = parseInt(window.localStorage && localStorage.getItem(KEY), 10);
  var current = isNaN(saved) ? 1 : Math.min(Math.max(saved, 0), STEPS.length - 1);
  applyScale(current);

  // Search filters: behind "Lọc" on a phone, so the results come first; open on wide screens.
  if (window.matchMedia && window.matchMedia("(min-width: 700px)").matches) {
    var more = document.querySelectorAll("details[data-open-wide]");
    for (var i = 0; i < more.length; i++) more[i].open = true;
  }

  document.addEventListener("click", function (event) {
    var fontButton = event.target.closest("[data-font-step]");
    if (fontButton) {
      var step = parseInt(fontButton.getAttribute("data-font-step"), 10);
      current = step === 0 ? 1 : Math.min(Math.max(current + step, 0), STEPS.length - 1);
      applyScale(current);
      try { localStorage.setItem(KEY, String(current)); } catch (e) { /* private mode */ }
      return;
    }
    var action = event.target.closest("[data-action]");
    if (!action) return;
    if (action.getAttribute("data-action") === "print") {
      window.print();
    } else if (action.getAttribute("data-action") === "copy-link" && navigator.clipboard) {
      navigator.clipboard.writeText(action.getAttribute("data-url")).then(function () {
        action.textContent = action.getAttribute("data-done") || "✓";
      });
    }
  });
})();

// "Đọc nhiều": an article counts one reader once it is shown, even when the page came from a cache.
// A first-time reader's beacon only gets the reader cookie (202): it is sent once more to count.
(function () {
  "use strict";
  var article = document.querySelector("[data-read-url]");
  if (!article) return;
  var url = article.getAttribute("data-read-url");
  var sent = false;

  function post() {
    return fetch(url, { method: "POST", credentials: "same-origin", keepalive: true });
  }

  function send() {
    if (sent || document.visibilityState !== "visible") return;
    sent = true;
    if (window.fetch) {
      post().then(function (response) {
        if (response.status === 202) post();
      }).catch(function () {});
    } else if (navigator.sendBeacon) {
      navigator.sendBeacon(url);
    }
  }

  send();
  document.addEventListener("visibilitychange", send);  // opened in a background tab: when first shown
})();
