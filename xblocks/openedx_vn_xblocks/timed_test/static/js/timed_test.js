/* The attempt page of a timed test (vn_timed_test).
 *
 * Everything comes from the assessment app's REST endpoints (config.urls): the questions of the student's
 * version, the answers saved, the seconds left. Every change is saved at once, in order
 * (timed_test_saving.js), so a reload or a lost connection loses nothing. The countdown is the server's
 * (re-synced by every save); at 0 the page submits, and the server closes the attempt by its deadline anyway.
 * Keys and explanations arrive only in the review (timed_test_review.js), when the server opens it.
 * The countdown stays in sight (a sticky header; inside the LMS's frame, the questions scroll under it) and is
 * announced to screen readers at 5 minutes and 1 minute. While the attempt is open the page reports leaving
 * full screen, switching tab or window and long disconnections (timed_test_integrity.js). The score reaches
 * the LMS gradebook from the server (ADR 0019): nothing here sends it.
 */
function VnTimedTestBlock(runtime, element) {
  "use strict";
  var T = window.VnTimedTest, node = T.node;
  var root = element.querySelector ? element : element[0];
  var block = root.querySelector(".vn-timed-test");
  var config = JSON.parse(root.querySelector("script[type='application/json']").textContent);
  var msg = config.messages;
  var TEXT_DELAY = { short_answer: 700, essay: 1500 };  // ms of quiet typing before a text is saved
  var ANNOUNCE_AT = [[300, "five_left"], [60, "one_left"]];  // seconds left → message, spoken once each

  var notice = block.querySelector(".vn-tt-notice");
  var startBox = block.querySelector(".vn-tt-start");
  var attemptBox = block.querySelector(".vn-tt-attempt");
  var resultBox = block.querySelector(".vn-tt-result");
  var announcer = block.querySelector(".vn-tt-announce");
  var noteBox = block.querySelector(".vn-tt-integrity-note");
  var fullscreenBack = block.querySelector(".vn-tt-fullscreen-back");

  var questions = {};     // uuid → {box, type, value, indicator, textTimer}
  var deadline = null;    // Date.now() at which the server's time runs out
  var ticker = null;
  var finishing = false;  // submitting (the student's choice, or time up)
  var closed = false;
  var timerNode = null;
  var overallNode = null;
  var lastLeft = null;    // seconds left at the previous tick: an announcement is made when a mark is crossed

  var integrity = T.Integrity({
    url: config.urls.events,
    requireFullscreen: !!config.require_fullscreen,
    messages: msg,
    shown: function (text) { block.querySelector(".vn-tt-integrity-log").textContent = text; },
    fullscreenLeft: function (out) { fullscreenBack.hidden = !out; }
  });

  var saving = T.SaveQueue({
    url: config.urls.answers,
    storeKey: "vn-timed-test:" + config.exam + ":" + config.user_id,
    state: setState,
    saved: function (secondsLeft) { showNotice(""); integrity.regained(); sync(secondsLeft); },
    trouble: function (status) {
      if (status !== 403) integrity.lost();
      showNotice(status === 403 ? msg.signed_out : msg.offline);
    },
    closed: over,
    changed: updateOverall
  });

  function showNotice(text) {
    notice.textContent = text || "";
    notice.hidden = !text;
  }

  // ------------------------------------------------------------ loading
  function load() {
    T.request("GET", config.urls.state).then(function (answer) {
      if (answer.status === 403) return showNotice(msg.signed_out);
      if (answer.status === 404) return showNotice(msg.not_found);
      if (answer.status !== 200) { showNotice(msg.offline); return setTimeout(load, 3000); }
      if (answer.data.user_id !== config.user_id) {
        // The workbench: the block is ?student=…'s, the REST acts for whoever is signed in.
        startBox.hidden = true;
        block.dataset.state = "wrong_user";
        return showNotice(T.fill(msg.identity, { signed_in: answer.data.username, student: config.username }));
      }
      showNotice("");
      show(answer.data);
    }, function () { showNotice(msg.offline); setTimeout(load, 3000); });
  }

  function show(view) {
    block.dataset.state = view.status;
    if (view.status === "not_started") { startBox.hidden = false; return; }
    startBox.hidden = true;
    if (view.status === "open") renderAttempt(view);
    else renderResult(view);
  }

  function start(event) {
    var button = event.currentTarget;
    button.disabled = true;
    button.textContent = msg.starting;
    // Full screen only from the student's click; the test starts whether or not the browser allows it.
    var ready = config.require_fullscreen ? integrity.enterFullscreen() : Promise.resolve();
    ready.then(function () { return T.request("POST", config.urls.start, { ticket: config.ticket }); }).then(function (answer) {
      if (answer.status === 200) { showNotice(""); return show(answer.data); }
      button.disabled = false;
      var signedOut = answer.status === 403 && !answer.data.ticket;
      showNotice(signedOut ? msg.signed_out : T.firstError(answer.data) || msg.offline);
    }, function () { button.disabled = false; showNotice(msg.offline); });
  }

  // ------------------------------------------------------------ the attempt page
  function renderAttempt(view) {
    questions = {};
    attemptBox.textContent = "";
    var header = node("div", "vn-tt-header");
    header.appendChild(node("span", "vn-tt-version", T.fill(msg.version, { code: view.version_code })));
    var clock = node("span", "vn-tt-clock", msg.time_left + " ");
    timerNode = node("strong", "vn-tt-timer");
    timerNode.setAttribute("role", "timer");
    timerNode.setAttribute("aria-live", "off");  // every second would be too much: see announce()
    clock.appendChild(timerNode);
    header.appendChild(clock);
    overallNode = node("span", "vn-tt-overall");
    overallNode.setAttribute("aria-live", "polite");
    header.appendChild(overallNode);
    attemptBox.appendChild(header);
    view.parts.forEach(function (part, index) {
      var section = node("section", "vn-tt-part");
      section.dataset.part = part.part;
      section.appendChild(node("h4", "vn-tt-part-title", T.partTitle(config, part.part, index)));
      part.questions.forEach(function (question) { section.appendChild(renderQuestion(question)); });
      attemptBox.appendChild(section);
    });
    attemptBox.appendChild(renderFooter());
    attemptBox.hidden = false;
    resultBox.hidden = true;
    if (window.self !== window.top) {
      // In the LMS the unit is a frame as tall as its content: the page around it scrolls, so a sticky
      // header would leave with it. The questions scroll inside the block instead, under the countdown.
      attemptBox.classList.add("vn-tt-framed");
      attemptBox.style.maxHeight = Math.max(320, (window.screen.availHeight || 700) - 220) + "px";
    }
    noteBox.hidden = false;
    integrity.start((view.integrity || {}).events);

    Object.keys(view.answers).forEach(function (uuid) {
      if (!questions[uuid]) return;
      setValue(uuid, view.answers[uuid].value);
      setState(uuid, "saved");
    });
    // Changes this device made that the server has not confirmed (a reload while offline, a crash).
    saving.resume(view.answers, function (uuid) { return !!questions[uuid]; }).forEach(function (item) {
      setValue(item.question, item.value);
      setState(item.question, "saving");
    });
    sync(view.seconds_left);
    if (!ticker) ticker = setInterval(tick, 250);
    T.typeset(attemptBox);
    updateOverall();
    saving.now();
  }

  function renderQuestion(question) {
    var box = node("div", "vn-tt-question");
    box.dataset.uuid = question.uuid;
    box.dataset.type = question.type;
    var head = node("div", "vn-tt-question-head");
    head.appendChild(node("strong", "vn-tt-number", T.fill(msg.question, { number: question.number })));
    var worth = T.points(question.points, config.decimal_separator);
    head.appendChild(node("span", "vn-tt-points", T.fill(msg.points, { points: worth })));
    var indicator = node("span", "vn-tt-save");
    indicator.setAttribute("aria-live", "polite");
    head.appendChild(indicator);
    box.appendChild(head);
    var stem = node("div", "vn-tt-stem");
    stem.innerHTML = question.stem;  // sanitised on the server (the bank's rules)
    box.appendChild(stem);
    questions[question.uuid] = { box: box, type: question.type, value: null, indicator: indicator };
    var name = "vn-tt-" + config.exam + "-" + question.uuid;
    if (question.type === "multiple_choice") box.appendChild(renderChoices(question, name));
    else if (question.type === "true_false_cluster") box.appendChild(renderStatements(question, name));
    else box.appendChild(renderText(question));
    return box;
  }

  function radio(name, value, label, onChange) {
    var input = node("input");
    input.type = "radio";
    input.name = name;
    input.value = value;
    if (label) input.setAttribute("aria-label", label);
    input.addEventListener("change", onChange);
    return input;
  }

  function renderChoices(question, name) {
    var list = node("ul", "vn-tt-options");
    question.choices.forEach(function (html, index) {
      var label = node("label");
      label.appendChild(radio(name, String(index), "", function () { changed(question.uuid, index); }));
      label.appendChild(node("span", "vn-tt-letter", T.LETTERS[index] + ". "));
      var text = node("span", "vn-tt-choice");
      text.innerHTML = html;
      label.appendChild(text);
      list.appendChild(node("li")).appendChild(label);
    });
    return list;
  }

  function renderStatements(question, name) {
    var table = node("table", "vn-tt-statements");
    var head = table.appendChild(node("tr"));
    [msg.statement, msg["true"], msg["false"]].forEach(function (text) { head.appendChild(node("th", "", text)); });
    var judge = function () { changed(question.uuid, readStatements(question.uuid)); };
    question.statements.forEach(function (html, index) {
      var letter = "abcdefgh".charAt(index) + ")";
      var row = table.appendChild(node("tr"));
      row.dataset.index = String(index);
      var cell = row.appendChild(node("td", "vn-tt-statement"));
      cell.appendChild(node("span", "vn-tt-letter", letter + " "));
      cell.appendChild(node("span")).innerHTML = html;
      ["true", "false"].forEach(function (choice) {
        var box = row.appendChild(node("td", "vn-tt-judge"));
        box.appendChild(radio(name + "-" + index, choice, msg[choice] + " " + letter, judge));
      });
    });
    return table;
  }

  function readStatements(uuid) {
    var rows = questions[uuid].box.querySelectorAll("tr[data-index]");
    return Array.prototype.map.call(rows, function (row) {
      var checked = row.querySelector("input:checked");
      return checked ? checked.value === "true" : null;
    });
  }

  function renderText(question) {
    var essay = question.type === "essay";
    var wrap = node("label", "vn-tt-answer");
    wrap.appendChild(node("span", "vn-tt-answer-label", essay ? msg.essay_label : msg.short_label));
    var input = node(essay ? "textarea" : "input", "vn-tt-text");
    if (essay) input.rows = 8;
    else {
      input.type = "text";
      input.maxLength = 100;
      input.autocomplete = "off";
      input.setAttribute("inputmode", question.numeric ? "decimal" : "text");
    }
    var save = function () {
      clearTimeout(questions[question.uuid].textTimer);
      changed(question.uuid, input.value);
    };
    input.addEventListener("input", function () {
      clearTimeout(questions[question.uuid].textTimer);
      questions[question.uuid].textTimer = setTimeout(save, TEXT_DELAY[question.type] || 1000);
    });
    input.addEventListener("change", save);
    wrap.appendChild(input);
    if (question.numeric) wrap.appendChild(node("span", "vn-tt-muted vn-tt-hint", msg.short_hint));
    return wrap;
  }

  function renderFooter() {
    var footer = node("div", "vn-tt-footer");
    var submit = footer.appendChild(node("button", "vn-tt-submit", msg.submit));
    var confirmBox = footer.appendChild(node("div", "vn-tt-confirm"));
    confirmBox.hidden = true;
    confirmBox.setAttribute("role", "alertdialog");
    var question = confirmBox.appendChild(node("p", "vn-tt-confirm-text"));
    var yes = confirmBox.appendChild(node("button", "vn-tt-confirm-yes", msg.confirm_yes));
    var no = confirmBox.appendChild(node("button", "vn-tt-confirm-no", msg.confirm_no));
    submit.type = yes.type = no.type = "button";
    submit.addEventListener("click", function () {
      var missing = Object.keys(questions).filter(function (uuid) { return !answered(questions[uuid].value); });
      question.textContent = msg.confirm + (missing.length ? " " + T.fill(msg.unanswered, { count: missing.length }) : "");
      confirmBox.hidden = false;
      yes.focus();
    });
    no.addEventListener("click", function () { confirmBox.hidden = true; });
    yes.addEventListener("click", function () { confirmBox.hidden = true; finish(false); });
    return footer;
  }

  function answered(value) {
    if (value === null || value === undefined || value === "") return false;
    if (Array.isArray(value)) return value.some(function (v) { return v !== null; });
    return true;
  }

  function setValue(uuid, value) {
    var question = questions[uuid];
    question.value = value;
    if (question.type === "multiple_choice") {
      question.box.querySelectorAll("input[type=radio]").forEach(function (input) {
        input.checked = value !== null && Number(input.value) === value;
      });
    } else if (question.type === "true_false_cluster") {
      question.box.querySelectorAll("tr[data-index]").forEach(function (row) {
        var given = Array.isArray(value) ? value[Number(row.dataset.index)] : null;
        row.querySelectorAll("input").forEach(function (input) {
          input.checked = given !== null && given !== undefined && (input.value === "true") === given;
        });
      });
    } else {
      question.box.querySelector(".vn-tt-text").value = value === null ? "" : value;
    }
  }

  function setState(uuid, state, reason) {
    var indicator = questions[uuid] && questions[uuid].indicator;
    if (!indicator) return;
    indicator.dataset.state = state;
    indicator.textContent = state === "rejected" ? T.fill(msg.rejected, { reason: reason || "" }) : msg[state];
  }

  function updateOverall() {
    if (!overallNode) return;
    var count = saving ? saving.pending() : 0;
    overallNode.dataset.state = count ? "pending" : "saved";
    overallNode.textContent = count ? T.fill(msg.pending, { count: count }) : msg.all_saved;
  }

  function changed(uuid, value) {
    if (closed || finishing) return;
    if (JSON.stringify(value) === JSON.stringify(questions[uuid].value)) return;
    questions[uuid].value = value;
    saving.change(uuid, value);
  }

  // ------------------------------------------------------------ the server's clock
  function sync(secondsLeft) {
    deadline = Date.now() + secondsLeft * 1000;
    tick();
  }

  function clockText(seconds) {
    var h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
    var two = function (n) { return (n < 10 ? "0" : "") + n; };
    return (h ? h + ":" + two(m) : two(m)) + ":" + two(s);
  }

  function tick() {
    if (deadline === null || !timerNode) return;
    var left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
    timerNode.textContent = clockText(left);
    timerNode.dataset.seconds = String(left);
    timerNode.classList.toggle("vn-tt-timer-low", left <= 300);
    announce(left);
    if (left <= 0 && !finishing && !closed) finish(true);
  }

  function announce(left) {
    // Only when a mark is crossed while the student works: not on opening a page with 3 minutes left.
    if (lastLeft !== null) {
      ANNOUNCE_AT.forEach(function (mark) {
        if (lastLeft > mark[0] && left <= mark[0]) {
          announcer.textContent = msg[mark[1]];
          block.dataset.announced = mark[1];
        }
      });
    }
    lastLeft = left;
  }



  // ------------------------------------------------------------ submitting
  function finish(timeUp) {
    if (finishing) return;
    finishing = true;
    attemptBox.querySelectorAll("input, textarea, button").forEach(function (input) { input.disabled = true; });
    showNotice(timeUp ? msg.time_up : (saving.pending() ? msg.waiting_saves : msg.submitting));
    // Changes not sent yet go first. A student's own submit waits for them as long as time is left (an
    // answer is never dropped to submit sooner); at time-up the server still takes saves for a few seconds.
    var started = Date.now();
    (function wait() {
      if (!saving.pending() || closed) return submit();
      if (!timeUp && deadline !== null && Date.now() >= deadline) { timeUp = true; started = Date.now(); }
      if (timeUp && Date.now() - started > 8000) return submit();
      saving.now();
      setTimeout(wait, 200);
    })();
  }

  function submit() {
    if (closed) return;
    T.request("POST", config.urls.submit).then(function (answer) {
      if (answer.status === 200) return done(answer.data);
      showNotice(answer.status === 403 ? msg.signed_out : T.firstError(answer.data) || msg.offline);
      setTimeout(submit, 3000);
    }, function () { showNotice(msg.offline); setTimeout(submit, 3000); });
  }

  function over(detail) {
    // The server closed the attempt (time out, or submitted elsewhere): show what it graded.
    closed = true;
    showNotice(detail || msg.closed);
    T.request("GET", config.urls.state).then(function (answer) {
      if (answer.status === 200) done(answer.data);
    });
  }

  function done(view) {
    closed = true;
    integrity.stop();
    clearInterval(ticker);
    ticker = null;
    saving.clear();
    renderResult(view);
  }

  // ------------------------------------------------------------ the result and the review
  function renderResult(view) {
    attemptBox.hidden = true;
    startBox.hidden = true;
    resultBox.hidden = false;
    block.dataset.state = view.status;
    showNotice(view.status === "timed_out" ? msg.time_up : "");
    var score = view.score === null ? "" : String(view.score).replace(".", config.decimal_separator || ",");
    resultBox.querySelector(".vn-tt-score").textContent = score;
    var essays = resultBox.querySelector(".vn-tt-essays");
    essays.hidden = !view.essays_pending;
    essays.textContent = view.essays_pending ? T.fill(msg.essays_pending, { count: view.essays_pending }) : "";
    renderParts(view);
    noteBox.hidden = true;
    fullscreenBack.hidden = true;
    var later = resultBox.querySelector(".vn-tt-review-later");
    var review = resultBox.querySelector(".vn-tt-review");
    review.textContent = "";
    var open = Object.keys(view.review || {}).length > 0;
    var date = view.review_at_text || config.closes_at;
    later.hidden = open || !date;
    later.textContent = later.hidden ? "" : T.fill(msg.review_later, { date: date });
    if (open) T.renderReview(view, review, config);
  }

  function renderParts(view) {
    var table = resultBox.querySelector(".vn-tt-parts");
    var body = table.querySelector("tbody");
    body.textContent = "";
    (view.part_scores || []).forEach(function (part, index) {
      var row = body.appendChild(node("tr"));
      row.dataset.part = part.part;
      row.appendChild(node("th", "", T.partTitle(config, part.part, index))).scope = "row";
      var worth = T.fill(msg.part_points, {
        earned: T.points(part.earned, config.decimal_separator),
        points: T.points(part.points, config.decimal_separator)
      });
      var cell = row.appendChild(node("td", "vn-tt-part-points", worth));
      if (part.essays_pending) {
        cell.appendChild(node("span", "vn-tt-part-pending", " " + T.fill(msg.part_pending, { count: part.essays_pending })));
      }
    });
    table.hidden = !(view.part_scores || []).length;
  }

  if (fullscreenBack) {
    fullscreenBack.querySelector("button").addEventListener("click", function () { integrity.enterFullscreen(); });
  }

  var startButton = block.querySelector(".vn-tt-start-button");
  if (startButton) startButton.addEventListener("click", start);
  if (config.user_id !== null) load();
}
