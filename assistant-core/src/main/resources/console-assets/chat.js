// Carapulse console chat: sends the message with fetch and shows the reply as it streams (the same
// server-sent events as POST /v1/sessions/{id}/messages), then reloads the conversation from the
// server. Everything shown is set as text, never as markup. Without this script the form posts and
// the page comes back with the finished turn.
(function () {
  'use strict';
  var form = document.getElementById('message-form');
  if (!form || !window.fetch || !window.TextDecoder) {
    return;
  }
  var status = document.getElementById('chat-status');
  var live = document.getElementById('live-turn');
  var liveText = document.getElementById('live-text');
  var liveCalls = document.getElementById('live-calls');
  var transcript = document.getElementById('transcript');
  var textarea = document.getElementById('message-text');

  // the message just sent, shown in the transcript as text while the model answers
  function showSent(text) {
    var li = document.createElement('li');
    li.className = 'message user pending';
    var who = document.createElement('span');
    who.className = 'who';
    who.textContent = 'user';
    var div = document.createElement('div');
    div.className = 'text';
    div.textContent = text;
    li.appendChild(who);
    li.appendChild(div);
    transcript.appendChild(li);
    return li;
  }

  function handle(type, data) {
    if (type === 'text') {
      liveText.textContent += data.delta || '';
    } else if (type === 'tool.call') {
      var li = document.createElement('li');
      li.setAttribute('data-call', data.callId);
      li.textContent = data.function + '(' + data.arguments + ') …';
      liveCalls.appendChild(li);
    } else if (type === 'tool.result') {
      var item = liveCalls.querySelector('li[data-call="' + CSS.escape(data.callId) + '"]');
      if (item) {
        item.textContent = data.function + ': ' + (data.summary || (data.ok ? 'ok' : 'failed'));
      }
    } else if (type === 'turn.finished') {
      window.location.reload();
    } else if (type === 'turn.failed') {
      status.textContent = (data.code || 'failed') + ': ' + (data.detail || '');
    }
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var body = new URLSearchParams(new FormData(form));
    var button = form.querySelector('button');
    var sent = showSent(textarea.value);
    textarea.value = '';
    button.disabled = true;
    status.textContent = 'Sending…';
    live.hidden = false;
    liveText.textContent = '';
    liveCalls.textContent = '';
    fetch(form.action, {
      method: 'POST', credentials: 'same-origin', body: body,
      headers: { 'Accept': 'text/event-stream', 'Content-Type': 'application/x-www-form-urlencoded' }
    }).then(function (response) {
      if (!response.ok) {
        return response.text().then(function (html) {
          var alert = new DOMParser().parseFromString(html, 'text/html').querySelector('[role=alert]');
          status.textContent = alert ? alert.textContent.trim() : 'The message was refused (' + response.status + ').';
          // refused: the message goes back into the box, nothing is lost
          transcript.removeChild(sent);
          textarea.value = body.get('text');
          button.disabled = false;
          live.hidden = true;
        });
      }
      status.textContent = 'The model is answering…';
      var reader = response.body.getReader();
      var decoder = new TextDecoder();
      var buffer = '';
      function pump() {
        return reader.read().then(function (chunk) {
          if (chunk.done) {
            button.disabled = false;
            return;
          }
          buffer += decoder.decode(chunk.value, { stream: true });
          var events = buffer.split('\n\n');
          buffer = events.pop();
          events.forEach(function (raw) {
            var type = 'message';
            var data = '';
            raw.split('\n').forEach(function (line) {
              if (line.indexOf('event:') === 0) {
                type = line.slice(6).trim();
              } else if (line.indexOf('data:') === 0) {
                data += line.slice(5).replace(/^ /, '');
              }
            });
            try {
              handle(type, data ? JSON.parse(data) : {});
            } catch (ignored) {
              // not an event of ours
            }
          });
          return pump();
        });
      }
      return pump();
    }).catch(function () {
      status.textContent = 'The connection was lost; reload the page to see what the model did.';
      button.disabled = false;
    });
  });
}());
