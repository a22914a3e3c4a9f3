// Live updates. The layout names the business's event stream (body[data-live-stream]); parts of a page that show
// changes say which kinds they show (data-live="call text delivery lead notification") and carry an id. On such an
// event they are redrawn from the page's own URL, a quarter of a second later so a burst costs one request. The
// browser's EventSource reconnects by itself and sends the last event id, so the server resumes where it left.
(function () {
  var url = document.body.dataset.liveStream;
  if (!url || !window.EventSource) {
    return;
  }
  var source = new EventSource(url);
  var due = new Set();
  var timer = null;

  ['call', 'text', 'delivery', 'lead', 'notification'].forEach(function (kind) {
    source.addEventListener(kind, function (event) {
      document.body.dataset.liveLastEvent = event.lastEventId;
      document.querySelectorAll('[data-live~="' + kind + '"][id]').forEach(function (part) {
        due.add(part.id);
      });
      document.dispatchEvent(new CustomEvent('live:' + kind, { detail: JSON.parse(event.data) }));
      if (due.size > 0 && timer === null) {
        timer = setTimeout(redraw, 250);
      }
    });
  });
  source.addEventListener('open', function () {
    document.body.dataset.liveConnected = 'true';
  });
  // Signed out (here or in another tab): stop, instead of reconnecting into a sign-in page.
  source.addEventListener('signed-out', function () {
    source.close();
    document.body.dataset.liveConnected = 'false';
  });
  window.addEventListener('pagehide', function () {
    source.close();
  });

  // A part the person is typing or choosing in is redrawn once they leave it, not under their hands.
  function inUse(part) {
    var active = document.activeElement;
    return active && part.contains(active) && /^(INPUT|SELECT|TEXTAREA)$/.test(active.tagName);
  }

  function later(part) {
    part.addEventListener('focusout', function () {
      setTimeout(function () {
        due.add(part.id);
        if (timer === null) {
          timer = setTimeout(redraw, 250);
        }
      }, 0);
    }, { once: true });
  }

  function redraw() {
    var ids = Array.from(due).filter(function (id) {
      var part = document.getElementById(id);
      if (part && inUse(part)) {
        later(part);
        return false;
      }
      return true;
    });
    due.clear();
    if (ids.length === 0) {
      timer = null;
      return;
    }
    fetch(location.href, { credentials: 'same-origin', headers: { 'X-Live-Redraw': 'true' } })
      .then(function (response) {
        return response.ok && !response.redirected ? response.text() : null;
      })
      .then(function (html) {
        if (html !== null) {
          var fresh = new DOMParser().parseFromString(html, 'text/html');
          ids.forEach(function (id) {
            var now = document.getElementById(id);
            var then = fresh.getElementById(id);
            if (now && then) {
              now.replaceWith(then);
              if (window.htmx) {
                window.htmx.process(then);
              }
            }
          });
          document.dispatchEvent(new CustomEvent('live:redrawn', { detail: ids }));
        }
      })
      .catch(function () {
        // The next event redraws again.
      })
      .finally(function () {
        timer = due.size > 0 ? setTimeout(redraw, 250) : null;
      });
  }
})();
