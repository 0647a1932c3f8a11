// Move focus to the error summary after a failed save, so keyboard and screen-reader users land
// on the list of problems (each links to its field). Without JavaScript the page works the same.
document.addEventListener("DOMContentLoaded", function () {
  var overzicht = document.getElementById("foutoverzicht");
  if (overzicht) {
    overzicht.focus();
  }
});
