/* Saving a timed test's answers in order (vn_timed_test): the REST calls and the queue of unsent changes.
 *
 * Every change gets the next seq of the attempt and goes into a queue kept in localStorage until the server
 * confirms it; the queue is sent one change at a time, oldest first, and a failed send is retried with a
 * growing pause (1 s … 10 s). Only the newest change of a question is kept: its seq orders it after the others.
 */
var VnTimedTest = window.VnTimedTest || {};
window.VnTimedTest = VnTimedTest;

VnTimedTest.request = function (method, url, body) {
  "use strict";
  var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  var options = { method: method, credentials: "same-origin", headers: { Accept: "application/json" } };
  if (method !== "GET") {
    options.headers["Content-Type"] = "application/json";
    options.headers["X-CSRFToken"] = match ? decodeURIComponent(match[1]) : "";
    options.body = JSON.stringify(body || {});
  }
  return fetch(url, options).then(function (response) {
    return response.json().catch(function () { return {}; }).then(function (data) {
      return { status: response.status, data: data || {} };
    });
  });
};

VnTimedTest.firstError = function (data) {
  "use strict";
  if (data.detail) return data.detail;
  var names = Object.keys(data);
  return names.length ? [].concat(data[names[0]])[0] : "";
};

/* options: url (answers endpoint), storeKey; callbacks: state(uuid, "saving"|"saved"|"retrying"|"rejected",
   reason), saved(secondsLeft), trouble(status or null for the network), closed(detail), changed() */
VnTimedTest.SaveQueue = function (options) {
  "use strict";
  var MAX_RETRY_DELAY = 10000;
  var seq = 0;          // the highest seq used or seen in this attempt
  var queue = [];       // changes the server has not confirmed, oldest first: {question, value, seq}
  var sending = false;
  var stopped = false;
  var retryDelay = 0;
  var retryTimer = null;

  function read() {
    try { return JSON.parse(window.localStorage.getItem(options.storeKey)) || {}; } catch (e) { return {}; }
  }

  function write() {
    try { window.localStorage.setItem(options.storeKey, JSON.stringify({ seq: seq, queue: queue })); } catch (e) { /* private mode */ }
    options.changed();
  }

  function pendingFor(uuid) {
    return queue.some(function (item) { return item.question === uuid; });
  }

  /* Go on from the server's answers ({uuid: {value, seq}}) and what this device kept; returns the kept
     changes that are newer than the server's (the page shows them: they are the student's latest). */
  function resume(answers, known) {
    var stored = read();
    var highest = 0;
    Object.keys(answers).forEach(function (uuid) { highest = Math.max(highest, answers[uuid].seq); });
    seq = Math.max(highest, stored.seq || 0);
    queue = (stored.queue || []).filter(function (item) {
      var saved = answers[item.question];
      return known(item.question) && (!saved || item.seq > saved.seq);
    });
    write();
    return queue.slice();
  }

  function change(uuid, value) {
    if (stopped) return;
    seq += 1;
    queue = queue.filter(function (item) { return item.question !== uuid; });
    queue.push({ question: uuid, value: value, seq: seq });
    write();
    options.state(uuid, "saving");
    flush();
  }

  function flush() {
    if (sending || stopped || !queue.length) return;
    clearTimeout(retryTimer);
    sending = true;
    var item = queue[0];
    VnTimedTest.request("POST", options.url, item).then(function (answer) {
      sending = false;
      if (stopped) return;
      if (answer.status === 200) {
        retryDelay = 0;
        queue = queue.filter(function (q) { return !(q.question === item.question && q.seq <= answer.data.seq); });
        seq = Math.max(seq, answer.data.seq);
        write();
        if (!pendingFor(item.question)) options.state(item.question, "saved");
        options.saved(answer.data.seconds_left);
        flush();
      } else if (answer.status === 409) {
        stop();
        options.closed(answer.data.detail);
      } else if (answer.status === 400) {
        // The server will never take this answer: say why, and go on with the others.
        queue = queue.filter(function (q) { return q !== item; });
        write();
        options.state(item.question, "rejected", VnTimedTest.firstError(answer.data));
        flush();
      } else {
        retry(answer.status);
      }
    }, function () {
      sending = false;
      retry(null);
    });
  }

  function retry(status) {
    queue.forEach(function (item) { options.state(item.question, "retrying"); });
    options.trouble(status);
    retryDelay = Math.min(retryDelay ? retryDelay * 2 : 1000, MAX_RETRY_DELAY);
    clearTimeout(retryTimer);
    retryTimer = setTimeout(flush, retryDelay);
  }

  function now() {
    // Send at once (back online, or about to submit) instead of waiting for the next retry.
    if (!sending) { retryDelay = 0; flush(); }
  }

  function stop() {
    stopped = true;
    clearTimeout(retryTimer);
  }

  function clear() {
    stop();
    queue = [];
    try { window.localStorage.removeItem(options.storeKey); } catch (e) { /* private mode */ }
  }

  window.addEventListener("online", now);
  return {
    resume: resume,
    change: change,
    now: now,
    clear: clear,
    stop: stop,
    pending: function () { return queue.length; }
  };
};
