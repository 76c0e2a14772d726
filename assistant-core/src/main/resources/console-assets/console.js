// Carapulse console: the only script, loaded from /assets (the Content-Security-Policy allows no other).
// On an execution page that has not ended, follow the execution's events: output lines are appended as
// text, and each state change reloads the page's main content from the server (already escaped there).
// EventSource reconnects on its own and resumes after the last event it saw (Last-Event-ID).
(function () {
  'use strict';
  var main = document.querySelector('main[data-execution]');
  if (!main || main.getAttribute('data-ended') === 'true' || !window.EventSource) {
    return;
  }
  var id = main.getAttribute('data-execution');
  var source = new EventSource('/executions/' + encodeURIComponent(id) + '/events');
  var refreshing = false;
  var again = false;
  var finished = false;

  // One refresh at a time; an event that arrives during one asks for another after it, so the last
  // state (execution.finished) is always fetched.
  function refresh(done) {
    finished = finished || done;
    if (refreshing) {
      again = true;
      return;
    }
    refreshing = true;
    again = false;
    fetch(window.location.pathname, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        var next = new DOMParser().parseFromString(html, 'text/html').querySelector('main[data-execution]');
        var output = document.getElementById('output');
        var kept = output ? output.textContent : '';
        if (next) {
          main.replaceChildren.apply(main, Array.prototype.slice.call(next.childNodes));
          main.setAttribute('data-ended', next.getAttribute('data-ended'));
          var shown = document.getElementById('output');
          if (shown) {
            shown.textContent = kept;
          }
        }
      })
      .catch(function () { /* the next event refreshes again */ })
      .then(function () {
        refreshing = false;
        if (again) {
          refresh(false);
        } else if (finished) {
          source.close();
        }
      });
  }

  source.addEventListener('step.output', function (e) {
    var output = document.getElementById('output');
    if (!output) {
      return;
    }
    try {
      var data = JSON.parse(e.data).data || {};
      output.textContent += (data.line !== undefined ? data.line : data.text !== undefined ? data.text : '') + '\n';
    } catch (ignored) {
      // not an event of ours
    }
  });
  ['execution.running', 'execution.rolling_back', 'execution.held', 'step.started', 'step.finished'].forEach(function (type) {
    source.addEventListener(type, function () { refresh(false); });
  });
  source.addEventListener('execution.finished', function () { refresh(true); });
  source.onerror = function () {
    var live = document.getElementById('live');
    if (live) {
      live.textContent = 'Connection lost; reconnecting…';
    }
  };
}());
