/*
 * The page editor: an action button never races Wagtail's autosave.
 *
 * On a new page, Wagtail 8's first autosave creates the page and then moves the form to the
 * page's edit address. An action pressed before that finishes (a click on "Lưu bản nháp" or
 * "Gửi duyệt" within a second of typing) posted the form to the create address a second time:
 * a 500, or a second page refused for its slug and the draft left unsubmitted. Here the press
 * waits for the autosave in progress (waiting for its delay included) and then goes, to the
 * address the autosave has left; once the form is sent, no autosave starts behind it.
 */
(function () {
  "use strict";

  function guard(form) {
    var saving = false;
    var waiting = null;

    form.addEventListener("w-autosave:save", function (event) {
      if (!event.defaultPrevented) saving = true;
    });
    ["w-autosave:success", "w-autosave:error"].forEach(function (name) {
      form.addEventListener(name, function () {
        saving = false;
        if (waiting) {
          var submitter = waiting;
          waiting = null;
          // The autosave may have started another save of later changes: wait for that one too.
          window.requestAnimationFrame(function () {
            form.requestSubmit(submitter);
          });
        }
      });
    });
    form.addEventListener(
      "submit",
      function (event) {
        if (!saving) {
          // The form is on its way: no autosave may start behind it (an edit made just before
          // the press is noticed up to a second later) and post the same new page again.
          form.setAttribute("data-w-autosave-active-value", "false");
          return;
        }
        event.preventDefault();
        event.stopImmediatePropagation();
        waiting = event.submitter || form.querySelector("button[type=submit]");
      },
      true
    );
  }

  function start() {
    var form = document.getElementById("page-edit-form");
    if (form) guard(form);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
