// The "ĐÁNH GIÁ BÀI VIẾT" widget: current state and a fresh CSRF token from the uncached
// endpoint (the article itself may come from a cache), then votes by fetch, no reload.
(function () {
  "use strict";
  var widget = document.querySelector("[data-rating-url]");
  if (!widget || !window.fetch) return;
  var url = widget.getAttribute("data-rating-url");
  var form = widget.querySelector("[data-rating-form]");
  var status = widget.querySelector("[data-rating-status]");

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function show(state) {
    widget.querySelector("[data-rating-count]").textContent = state.count;
    var summary = widget.querySelector("[data-rating-summary]");
    if (state.average !== null) {
      widget.querySelector("[data-rating-average]").textContent = state.average.toFixed(1).replace(".", ",");
      summary.hidden = false;
    }
    if (form && state.your_score) {
      var choice = form.querySelector('input[name="score"][value="' + state.your_score + '"]');
      if (choice) choice.checked = true;
    }
  }

  function request(method, body) {
    return fetch(url, {
      method: method,
      credentials: "same-origin",
      headers: body ? { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrfToken() }
                    : { "Accept": "application/json" },
      body: body ? JSON.stringify(body) : undefined
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    });
  }

  request("GET").then(function (result) { if (result.ok) show(result.data); }).catch(function () {});

  if (!form) return;
  // With the script, a click on a star or Enter on it is the vote: the button (for browsers
  // without JavaScript) would only send the same vote a second time.
  var submit = form.querySelector("[data-rating-submit]");
  if (submit) submit.hidden = true;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var choice = form.querySelector('input[name="score"]:checked');
    if (!choice) {
      status.textContent = widget.getAttribute("data-msg-choose") || "";
      return;
    }
    vote(parseInt(choice.value, 10));
  });
  // A click or a tap on a star votes at once. From the keyboard, the arrow keys only move the
  // choice (each move would otherwise be a vote, and the rate limit counts them); Enter, Space
  // or the "Gửi đánh giá" button sends it.
  var movedByKey = false;
  form.addEventListener("keydown", function (event) {
    if (event.target.name !== "score") return;
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      event.target.checked = true;
      vote(parseInt(event.target.value, 10));
    } else if ((event.key || "").indexOf("Arrow") === 0) {
      movedByKey = true;
    }
  });
  form.addEventListener("keyup", function () { movedByKey = false; });
  form.addEventListener("change", function (event) {
    if (event.target.name !== "score") return;
    if (movedByKey) {
      movedByKey = false;
      return;
    }
    vote(parseInt(event.target.value, 10));
  });

  var sending = null;  // the score on its way: the same score again sends nothing
  function vote(score) {
    if (sending === score) return;
    sending = score;
    status.textContent = "";
    request("POST", { score: score }).then(function (result) {
      sending = null;
      if (result.ok) {
        show(result.data);
        status.textContent = widget.getAttribute("data-msg-thanks");
      } else {
        status.textContent = result.data.error;
      }
    }).catch(function () {
      sending = null;
      status.textContent = widget.getAttribute("data-msg-failed");
    });
  }
})();
