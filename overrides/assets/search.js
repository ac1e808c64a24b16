// Search with Pagefind: one index per language (from <html lang>), Arabic stemming,
// loaded in small chunks. Runs only on the search page (#ox-search). The bundle sits
// at the site root (/pagefind/), next to this script's folder (/assets/).
(function () {
  var element = document.getElementById("ox-search");
  if (!element) return;
  var here = document.currentScript && document.currentScript.src;
  var bundle = new URL("../pagefind/", here || location.href).href;
  var css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = bundle + "pagefind-ui.css";
  document.head.appendChild(css);
  var script = document.createElement("script");
  script.src = bundle + "pagefind-ui.js";
  script.onload = function () {
    var ui = new PagefindUI({
      element: "#ox-search",
      bundlePath: bundle,
      showSubResults: true,
      showImages: false,
      autofocus: true,
      resetStyles: false
    });
    var query = new URLSearchParams(location.search).get("q");
    if (query) ui.triggerSearch(query);
    // Pagefind's input has only a placeholder; give it a real accessible name.
    var heading = document.querySelector("article h1");
    var name = heading ? heading.firstChild.textContent.trim() : "Search";
    new MutationObserver(function (changes, observer) {
      var input = element.querySelector("input[type=text], input[type=search]");
      if (input) {
        input.setAttribute("aria-label", name);
        observer.disconnect();
      }
    }).observe(element, { childList: true, subtree: true });
  };
  document.head.appendChild(script);
})();
