// Live updates for the board's pages: one EventSource on /board/stream (same origin, the session
// cookie authenticates it). On the board, a changed agreement's card is fetched again and swapped
// in (moved to its new column); on an agreement's page, a change to it shows a notice. Without
// JavaScript the pages work as they are; they are simply not live.
(function () {
  "use strict";
  var main = document.getElementById("main");
  if (!main || !main.dataset.stream || !window.EventSource) { return; }
  var url = main.dataset.stream + (main.dataset.after ? "?after=" + encodeURIComponent(main.dataset.after) : "");
  var status = document.getElementById("live-status");
  var source = new EventSource(url);
  var pageAgreement = main.dataset.agreement;

  function say(text) { if (status) { status.textContent = text; } }

  function refreshCard(id) {
    var card = document.getElementById("card-" + id);
    if (!card) { return; }
    fetch("/board/cards/" + encodeURIComponent(id), { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) {
        var holder = document.createElement("ul");
        holder.innerHTML = html.trim();  // rendered (and escaped) by Accord's own templates
        var fresh = holder.firstElementChild;
        if (!fresh) { return; }
        fresh.classList.add("updated");
        var column = document.querySelector('.column[data-state="' + fresh.dataset.state + '"] .cards');
        if (column && fresh.dataset.state !== card.dataset.state) {
          card.remove();
          column.prepend(fresh);
        } else {
          card.replaceWith(fresh);
        }
        var title = fresh.querySelector("h3");
        say("Updated: " + (title ? title.textContent.trim() : id) + " is now " + fresh.dataset.state.replace(/_/g, " ") + ".");
      })
      .catch(function () { /* the next event, or a reload, shows it */ });
  }

  source.onmessage = function (message) {
    var event;
    try { event = JSON.parse(message.data); } catch (e) { return; }
    if (!event.agreement_id) { return; }
    if (pageAgreement) {
      if (event.agreement_id === pageAgreement) {
        var notice = document.getElementById("stale-notice");
        if (notice) { notice.hidden = false; }
        say("This agreement has changed since you opened the page.");
      }
      return;
    }
    refreshCard(event.agreement_id);
  };
  source.onopen = function () { main.dataset.live = "open"; };
})();
