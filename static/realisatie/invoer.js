// The monthly entry grid as a spreadsheet: Enter and the arrow keys move down and up a column,
// a block pasted from Excel or LibreOffice (tabs and newlines, Dutch numbers) fills the rows and
// columns below and to the right, the stand, the totals and the completeness follow the typing,
// and a row says before saving what is wrong or unusual about its figure. The breakdown columns
// are folded away until asked for, so a month is one tab stop a municipality.
//
// Progressive enhancement: without this file the same form saves the same way (the server checks
// everything again); with it nothing is sent that the form would not send. A static file, as the
// content security policy allows no inline script.
(function () {
  "use strict";

  var GETAL = /^-?([0-9]{1,3}(\.[0-9]{3})+|[0-9]+)$/;
  var MAX_PERSONEN = 100000;
  var KOLOMMEN = ["personen", "alleenstaanden", "gezinsleden", "nareizigers"];

  // null: empty; NaN: not a whole number as the server reads it (5282 or 5.282).
  function lees(tekst) {
    var t = (tekst || "").trim().replace(/\u2212/g, "-");
    if (t === "") {
      return null;
    }
    if (!GETAL.test(t)) {
      return NaN;
    }
    return parseInt(t.replace(/\./g, ""), 10);
  }

  function nederlands(n) {
    var teken = n < 0 ? "\u2212" : ""; // the minus sign, as opnieuwthuis/nederlands.py writes it
    var s = String(Math.abs(n));
    var uit = "";
    while (s.length > 3) {
      uit = "." + s.slice(-3) + uit;
      s = s.slice(0, -3);
    }
    return teken + s + uit;
  }

  // A cell of a pasted block as the grid takes it: spaces (also the non-breaking ones some
  // spreadsheets copy as thousands separators) go; a Dutch "5.282" stays for the server to read.
  function plakcel(tekst) {
    return (tekst || "").replace(/[\s\u00a0\u202f]/g, "");
  }

  function start() {
    var tabel = document.getElementById("invoertabel");
    if (!tabel) {
      return;
    }
    document.documentElement.classList.add("js");
    var form = tabel.closest("form");
    var rijen = Array.prototype.slice.call(tabel.tBodies[0].rows);
    var samenvatting = document.getElementById("samenvatting");
    var posities = new Map();
    rijen.forEach(function (rij, r) {
      KOLOMMEN.forEach(function (kolom) {
        var veld = rij.querySelector('input[data-kolom="' + kolom + '"]');
        if (veld) {
          posities.set(veld, { rij: r, kolom: kolom });
        }
      });
    });

    function veld(r, kolom) {
      var rij = rijen[r];
      return rij ? rij.querySelector('input[data-kolom="' + kolom + '"]') : null;
    }

    function zichtbareKolommen() {
      return tabel.classList.contains("uitsplitsing-dicht") ? ["personen"] : KOLOMMEN;
    }

    function grenzen(rij) {
      try {
        return JSON.parse(rij.getAttribute("data-grenzen") || "[]");
      } catch (e) {
        return [];
      }
    }

    // What to say about a row before saving: [soort, tekst] with soort "fout", "let-op" or "".
    function oordeel(rij) {
      var personenVeld = rij.querySelector('input[data-kolom="personen"]');
      var waarde = lees(personenVeld.value);
      if (Number.isNaN(waarde)) {
        return ["fout", "Geen geheel getal: schrijf bijvoorbeeld 5282 of 5.282."];
      }
      if (waarde !== null && waarde < 0) {
        return ["fout", "Negatief: alleen 0 of meer."];
      }
      if (waarde !== null && waarde > MAX_PERSONEN) {
        return ["fout", "Meer dan 100.000 personen in één maand kan niet."];
      }
      var delen = KOLOMMEN.slice(1).map(function (k) {
        return lees(rij.querySelector('input[data-kolom="' + k + '"]').value);
      });
      var ingevuld = delen.filter(function (d) { return d !== null; });
      if (ingevuld.some(Number.isNaN)) {
        return ["fout", "De uitsplitsing bevat iets dat geen geheel getal is."];
      }
      if (ingevuld.length && ingevuld.length < 3) {
        return ["fout", "Vul alleenstaanden, gezinsleden en nareizigers alle drie in, of geen."];
      }
      if (ingevuld.length === 3) {
        var som = ingevuld.reduce(function (a, b) { return a + b; }, 0);
        if (waarde === null) {
          return ["fout", "Vul het totaal in bij een uitsplitsing."];
        }
        if (som !== waarde) {
          return ["fout", "De uitsplitsing telt op tot " + nederlands(som) + ", niet " + nederlands(waarde) + "."];
        }
      }
      if (waarde === null) {
        return ["", ""];
      }
      var cel = rij.querySelector(".rijmelding");
      var opgeslagen = personenVeld.nextElementSibling;
      if (opgeslagen && lees(opgeslagen.value) === waarde && cel.getAttribute("data-server")) {
        return ["let-op", cel.getAttribute("data-server")];
      }
      var teksten = grenzen(rij)
        .filter(function (g) { return waarde > g[0]; })
        .map(function (g) { return g[1]; });
      return teksten.length ? ["let-op", teksten.join(" ")] : ["", ""];
    }

    function werkRijBij(rij) {
      var personenVeld = rij.querySelector('input[data-kolom="personen"]');
      var waarde = lees(personenVeld.value);
      var stand = rij.getAttribute("data-stand");
      var standCel = document.getElementById("stand-" + rij.getAttribute("data-gemeente"));
      if (stand !== null && standCel && !Number.isNaN(waarde)) {
        standCel.firstChild.nodeValue = nederlands(parseInt(stand, 10) - (waarde || 0));
      }
      var uitkomst = oordeel(rij);
      var cel = rij.querySelector(".rijmelding");
      cel.textContent = uitkomst[1];
      cel.classList.toggle("rijmelding--fout", uitkomst[0] === "fout");
      rij.classList.toggle("rij--fout", uitkomst[0] === "fout");
      rij.classList.toggle("rij--let-op", uitkomst[0] === "let-op");
      if (uitkomst[0] === "fout") {
        personenVeld.setAttribute("aria-invalid", "true");
      } else if (!rij.querySelector(".veldfout")) {
        personenVeld.removeAttribute("aria-invalid");
      }
    }

    function werkSamenvattingBij() {
      if (!samenvatting) {
        return;
      }
      var ingevuld = 0, personen = 0, stand = 0, fout = 0, letop = 0;
      rijen.forEach(function (rij) {
        var waarde = lees(rij.querySelector('input[data-kolom="personen"]').value);
        if (rij.classList.contains("rij--fout")) {
          waarde = null; // counted once it is right
        }
        if (waarde !== null && !Number.isNaN(waarde)) {
          ingevuld += 1;
          personen += waarde;
        }
        var s = rij.getAttribute("data-stand");
        if (s !== null) {
          stand += parseInt(s, 10) - (waarde && !Number.isNaN(waarde) ? waarde : 0);
        }
        if (rij.classList.contains("rij--fout")) { fout += 1; }
        if (rij.classList.contains("rij--let-op")) { letop += 1; }
      });
      var zet = function (naam, tekst) {
        var el = samenvatting.querySelector('[data-som="' + naam + '"]');
        if (el) { el.textContent = tekst; }
      };
      zet("ingevuld", nederlands(ingevuld));
      zet("personen", nederlands(personen));
      zet("stand", nederlands(stand));
      var meldingen = [];
      if (fout) { meldingen.push(nederlands(fout) + (fout === 1 ? " rij met een fout" : " rijen met een fout")); }
      if (letop) { meldingen.push(nederlands(letop) + (letop === 1 ? " rij om na te kijken" : " rijen om na te kijken")); }
      zet("meldingen", meldingen.length ? " Let op: " + meldingen.join(", ") + " (kolom let op)." : "");
      werkMaandBij();
    }

    // The month's completeness (all municipalities with a quota, also those outside this table)
    // as it will be once what is typed here is saved.
    function werkMaandBij() {
      var maand = document.getElementById("maandvolledigheid");
      var plek = maand && maand.querySelector('[data-maand="na-opslaan"]');
      if (!plek) {
        return;
      }
      var verschil = 0;
      rijen.forEach(function (rij) {
        var personenVeld = rij.querySelector('input[data-kolom="personen"]');
        var opgeslagen = lees(personenVeld.nextElementSibling && personenVeld.nextElementSibling.value);
        var nu = rij.classList.contains("rij--fout") ? null : lees(personenVeld.value);
        var heeft = nu !== null && !Number.isNaN(nu);
        var had = opgeslagen !== null && !Number.isNaN(opgeslagen);
        verschil += (heeft ? 1 : 0) - (had ? 1 : 0);
        var label = rij.querySelector("th .niet-ingevoerd");
        if (label) {
          label.hidden = heeft;
        }
      });
      var verwacht = parseInt(maand.getAttribute("data-verwacht"), 10);
      var straks = Math.max(0, Math.min(verwacht, parseInt(maand.getAttribute("data-ingevoerd"), 10) + verschil));
      plek.textContent = verschil
        ? " Na opslaan: " + nederlands(straks) + " van " + nederlands(verwacht) + " (" +
          nederlands(verwacht - straks) + " nog niet ingevoerd)."
        : "";
    }

    function ga(naar, van) {
      var plek = posities.get(van);
      var doel = plek && veld(plek.rij + naar, plek.kolom);
      if (doel) {
        doel.focus();
        doel.select();
      }
    }

    tabel.addEventListener("keydown", function (e) {
      if (!posities.has(e.target) || e.altKey || e.metaKey) {
        return;
      }
      if (e.key === "Enter" && e.ctrlKey) {
        return; // Ctrl+Enter saves, as the form's own Enter did
      }
      if (e.key === "Enter" || e.key === "ArrowDown") {
        e.preventDefault();
        ga(e.shiftKey && e.key === "Enter" ? -1 : 1, e.target);
      } else if (e.key === "ArrowUp") {
        e.preventDefault();
        ga(-1, e.target);
      }
    });
    form.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && e.ctrlKey && posities.has(e.target)) {
        e.preventDefault();
        form.requestSubmit();
      }
    });

    tabel.addEventListener("input", function (e) {
      var plek = posities.get(e.target);
      if (plek) {
        werkRijBij(rijen[plek.rij]);
        werkSamenvattingBij();
      }
    });

    tabel.addEventListener("paste", function (e) {
      var plek = posities.get(e.target);
      var data = e.clipboardData || window.clipboardData;
      if (!plek || !data) {
        return;
      }
      var tekst = data.getData("text/plain") || data.getData("Text");
      if (!/[\t\r\n]/.test(tekst.replace(/[\r\n]+$/, ""))) {
        return; // one value: the browser pastes it as always
      }
      e.preventDefault();
      var regels = tekst.replace(/\r\n?/g, "\n").replace(/\n+$/, "").split("\n");
      var kolommen = zichtbareKolommen();
      var eersteKolom = kolommen.indexOf(plek.kolom);
      var gevuld = 0, erbuiten = 0;
      var geraakt = new Set();
      regels.forEach(function (regel, i) {
        var r = plek.rij + i;
        if (r >= rijen.length) {
          erbuiten += 1;
          return;
        }
        regel.split("\t").forEach(function (cel, j) {
          var kolom = kolommen[eersteKolom + j];
          var doel = kolom && veld(r, kolom);
          if (doel) {
            doel.value = plakcel(cel);
            gevuld += 1;
            geraakt.add(r);
          }
        });
      });
      geraakt.forEach(function (r) { werkRijBij(rijen[r]); });
      werkSamenvattingBij();
      var melding = document.getElementById("plakmelding");
      if (melding) {
        melding.textContent = nederlands(gevuld) + " cijfers geplakt in " + nederlands(geraakt.size) +
          " gemeenten" + (erbuiten ? "; " + nederlands(erbuiten) + " regels vielen buiten de tabel en zijn niet geplakt" : "") +
          ". Er is nog niets opgeslagen.";
      }
    });

    var knop = document.getElementById("uitsplitsing-knop");
    if (knop) {
      var schakel = document.createElement("button");
      schakel.type = "button";
      schakel.className = "knop";
      schakel.id = "uitsplitsing-schakel";
      var verborgen = form.querySelector('input[name="uitsplitsing"]');
      if (!verborgen) {
        verborgen = document.createElement("input");
        verborgen.type = "hidden";
        verborgen.name = "uitsplitsing";
        form.appendChild(verborgen);
      }
      var zet = function (open) {
        tabel.classList.toggle("uitsplitsing-dicht", !open);
        schakel.setAttribute("aria-expanded", open ? "true" : "false");
        schakel.textContent = open ? "Uitsplitsing verbergen" : "Uitsplitsing invoeren (alleenstaanden, gezinsleden, nareizigers)";
        verborgen.value = open ? "1" : "";
      };
      zet(!tabel.classList.contains("uitsplitsing-dicht"));
      schakel.addEventListener("click", function () {
        zet(tabel.classList.contains("uitsplitsing-dicht"));
      });
      knop.parentNode.replaceChild(schakel, knop);
    }

    rijen.forEach(werkRijBij);
    werkSamenvattingBij();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
