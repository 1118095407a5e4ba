/* Records attendance (on view for self-paced lessons, on "Join" for live ones), then lets the meeting link open
   in a new tab, or hands over to the unit's LTI component (lti-consumer-xblock), which launches the tool itself. */
function VnOnlineLessonBlock(runtime, element) {
  var root = element.querySelector ? element : element[0];
  var block = root.querySelector(".vn-online-lesson");
  if (block.dataset.preview === "true") return; // Studio's preview records nothing
  var status = root.querySelector(".vn-online-status");
  var attended = block.dataset.attended === "true";
  var pending = null;
  var LAUNCH = ".btn-lti-new-window, .btn-lti-modal"; // lti_consumer's launch buttons

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function post(handler, data) {
    return fetch(runtime.handlerUrl(root, handler), {
      method: "POST",
      credentials: "same-origin",
      keepalive: true, // the request survives the page opening the class in another tab
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify(data || {})
    }).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    });
  }

  function say(target, text, isError) {
    target.textContent = text || "";
    target.classList.toggle("vn-online-error", !!isError);
  }

  // When the course serves several classes, the student says which is theirs (once: the server keeps it).
  var chooser = root.querySelector(".vn-online-class select");

  function mustChoose() {
    if (!chooser || chooser.value) return false;
    say(status, block.dataset.msgChoose, true);
    chooser.focus();
    return true;
  }

  function attend() {
    if (attended || pending || mustChoose()) return;
    pending = post("attend", chooser ? { class_id: parseInt(chooser.value, 10) } : {})
      .then(function (result) {
        attended = result.recorded;
        block.dataset.attended = attended ? "true" : "false";
        say(status, result.message, !result.recorded && !!result.message);
        if (attended && chooser) chooser.parentNode.hidden = true;
      })
      .catch(function () { say(status, block.dataset.msgError, true); })
      .then(function () { pending = null; });
  }

  function toolElement() {
    // The LMS wraps each block in data-usage-id, the XBlock SDK in data-usage.
    var usage = block.dataset.toolUsage;
    var found = null;
    if (!usage) return null;
    document.querySelectorAll("[data-usage-id], [data-usage]").forEach(function (el) {
      if (!found && (el.getAttribute("data-usage-id") === usage || el.getAttribute("data-usage") === usage)) found = el;
    });
    return found;
  }

  var join = root.querySelector(".vn-online-join");
  if (join && block.dataset.join === "link") {
    join.addEventListener("click", function (event) {
      if (!attended && mustChoose()) { event.preventDefault(); return; }
      attend(); // no preventDefault: the link opens as usual
    });
  }
  if (join && block.dataset.join === "lti") {
    var tool = toolElement();
    join.addEventListener("click", function () {
      if (!attended && mustChoose()) return;
      attend();
      if (!tool) return;
      var launch = tool.querySelector(LAUNCH);
      if (launch) launch.click(); // same user gesture: the tool's new window is not blocked
      else tool.scrollIntoView({ behavior: "smooth", block: "start" });
    });
    if (tool) {
      tool.addEventListener("click", function (event) {
        if (event.target.closest && event.target.closest(LAUNCH)) attend();
      }, true);
    }
  }
  if (block.dataset.attendOnView === "true") {
    if (chooser) chooser.addEventListener("change", attend);
    else attend();
  }

  var record = root.querySelector(".vn-online-record");
  if (record) {
    var recordStatus = root.querySelector(".vn-online-record-status");
    record.addEventListener("click", function () {
      record.disabled = true;
      post("record_session")
        .then(function (result) { say(recordStatus, result.message, !result.sessions); })
        .catch(function () { say(recordStatus, block.dataset.msgRecordError, true); })
        .then(function () { record.disabled = false; });
    });
  }
}
