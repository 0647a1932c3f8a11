/* The map's panel: the municipality pointed at or focused shows its figures in a visible panel.
   Progressive enhancement: without this file the map still links every municipality and the
   table under it holds every figure. Text only (textContent), never markup from attributes. */
(function () {
  "use strict";

  function toon(paneel, gemeente) {
    var gegevens = paneel.querySelector(".kaart__gegevens");
    paneel.querySelectorAll("[data-veld]").forEach(function (veld) {
      var naam = veld.getAttribute("data-veld");
      if (naam === "link") {
        veld.setAttribute("href", gemeente.getAttribute("href"));
        veld.textContent = "Naar de pagina van " + gemeente.getAttribute("data-naam");
      } else {
        veld.textContent = gemeente.getAttribute("data-" + naam) || "";
      }
    });
    paneel.querySelectorAll("[data-alleen-met]").forEach(function (regel) {
      regel.hidden = !gemeente.getAttribute("data-" + regel.getAttribute("data-alleen-met"));
    });
    paneel.setAttribute("data-status", gemeente.getAttribute("data-status"));
    gegevens.hidden = false;
  }

  document.querySelectorAll("[data-kaart]").forEach(function (kaart) {
    var paneel = document.getElementById(kaart.getAttribute("data-kaart"));
    if (!paneel) {
      return;
    }
    var hint = paneel.querySelector("[data-hint-js]");
    if (hint) {
      hint.textContent = hint.getAttribute("data-hint-js");
    }
    function bij(gebeurtenis) {
      var gemeente = gebeurtenis.target.closest ? gebeurtenis.target.closest("a.kaart__gemeente") : null;
      if (gemeente) {
        toon(paneel, gemeente);
      }
    }
    kaart.addEventListener("focusin", bij);
    kaart.addEventListener("mouseover", bij);
  });
})();
