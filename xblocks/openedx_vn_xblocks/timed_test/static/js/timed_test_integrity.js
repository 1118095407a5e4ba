/* The integrity log of a timed test (vn_timed_test, ADR 0019): while the attempt is open, the page reports
 * leaving full screen, switching to another tab or window, and long disconnections to the server, which
 * stamps the times. The student sees the same log (the note above the test).
 *
 * VnTimedTest.Integrity({url, requireFullscreen, root, messages, shown(log), fullscreenLeft(isOut)})
 *   .start(events)  begin watching (events: what the server already holds for this attempt)
 *   .stop()         the attempt is over
 *   .enterFullscreen()  from a click (browsers allow full screen only from the user's gesture)
 */
VnTimedTest.Integrity = function (options) {
  "use strict";
  var T = VnTimedTest, msg = options.messages;
  var watching = false;
  var counts = { fullscreen: 0, hidden: 0, offline: 0 };
  var away = false;          // the tab is hidden or the window has lost focus
  var offlineSince = null;   // Date.now() when the connection was lost
  var outOfFullscreen = false;
  var queue = [];            // reports the server has not answered yet (sent in order)
  var sending = false;

  function send() {
    if (sending || !queue.length) return;
    sending = true;
    var report = queue[0];
    T.request("POST", options.url, report).then(function (answer) {
      sending = false;
      queue.shift();
      if (answer.status === 200 && answer.data.recorded && report.phase === (report.kind === "offline" ? "end" : "start")) {
        counts[report.kind] += 1;
        show();
      }
      if (answer.status === 409 || answer.status === 429) queue = [];  // over, or the log is full
      send();
    }, function () {
      sending = false;  // the network: try again with the next report or when it is back
    });
  }

  function report(kind, phase, seconds) {
    if (!watching) return;
    var item = { kind: kind, phase: phase };
    if (seconds !== undefined) item.seconds = seconds;
    queue.push(item);
    send();
  }

  function show() {
    var parts = [];
    if (counts.fullscreen) parts.push(T.fill(msg.log_fullscreen, { count: counts.fullscreen }));
    if (counts.hidden) parts.push(T.fill(msg.log_hidden, { count: counts.hidden }));
    if (counts.offline) parts.push(T.fill(msg.log_offline, { count: counts.offline }));
    options.shown(parts.length ? T.fill(msg.log_recorded, { what: parts.join("; ") }) : msg.log_nothing);
  }

  function leave() { if (!away) { away = true; report("hidden", "start"); } }
  function back() { if (away && !document.hidden && document.hasFocus()) { away = false; report("hidden", "end"); } }

  function onVisibility() { if (document.hidden) leave(); else back(); }

  function onFullscreen() {
    if (!options.requireFullscreen) return;
    var out = !document.fullscreenElement;
    if (out === outOfFullscreen) return;
    outOfFullscreen = out;
    report("fullscreen", out ? "start" : "end");
    options.fullscreenLeft(out);
  }

  function lost() { if (offlineSince === null) offlineSince = Date.now(); }
  function regained() {
    if (offlineSince === null) return;
    var seconds = Math.round((Date.now() - offlineSince) / 1000);
    offlineSince = null;
    report("offline", "end", seconds);  // the server keeps only the long ones
  }

  return {
    start: function (events) {
      (events || []).forEach(function (event) { if (counts[event.kind] !== undefined) counts[event.kind] += 1; });
      show();
      if (watching) return;
      watching = true;
      document.addEventListener("visibilitychange", onVisibility);
      window.addEventListener("blur", leave);
      window.addEventListener("focus", back);
      document.addEventListener("fullscreenchange", onFullscreen);
      window.addEventListener("offline", lost);
      window.addEventListener("online", regained);
      if (options.requireFullscreen && !document.fullscreenElement) {
        // Started elsewhere, or reloaded: the page is not in full screen, which the log says.
        outOfFullscreen = true;
        report("fullscreen", "start");
        options.fullscreenLeft(true);
      }
    },
    stop: function () {
      watching = false;
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("blur", leave);
      window.removeEventListener("focus", back);
      document.removeEventListener("fullscreenchange", onFullscreen);
      window.removeEventListener("offline", lost);
      window.removeEventListener("online", regained);
      options.fullscreenLeft(false);
      if (document.fullscreenElement && document.exitFullscreen) document.exitFullscreen().catch(function () {});
    },
    enterFullscreen: function () {
      var target = document.documentElement;
      if (!target.requestFullscreen) return Promise.resolve();
      return target.requestFullscreen().catch(function () {});
    },
    // The save queue saw the server unreachable, then reachable again: a disconnection.
    lost: lost,
    regained: regained
  };
};
