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
    // Arabic: the count agrees with its noun (نتيجة واحدة، نتيجتان، 3 نتائج، 11 نتيجة), as CLDR's
    // plural rules say, and the query sits in «» after لـ. Pagefind's own strings cannot do this.
    if (document.documentElement.lang === "ar") {
      var rules = new Intl.PluralRules("ar");
      var words = { zero: "نتيجة", one: "نتيجة واحدة", two: "نتيجتان", few: "نتائج", many: "نتيجة", other: "نتيجة" };
      new MutationObserver(function () {
        var message = element.querySelector(".pagefind-ui__message");
        var input = element.querySelector("input");
        if (!message || !input || message.dataset.oxDone === message.textContent) return;
        if (!input.value.trim()) return;
        var match = message.textContent.match(/[0-9٠-٩]+/);
        // no number: either still searching (left alone) or Pagefind's "no results" message
        if (!match && !/لا توجد|No results/.test(message.textContent)) return;
        var count = match ? parseInt(match[0].replace(/[٠-٩]/g, function (d) { return "٠١٢٣٤٥٦٧٨٩".indexOf(d); }), 10) : 0;
        var form = rules.select(count);
        var noun = words[form];
        var text = count === 0 ? "لا نتائج" : (form === "one" || form === "two") ? noun : count + " " + noun;
        message.textContent = text + " لـ«" + input.value.trim() + "»";
        message.dataset.oxDone = message.textContent;
      }).observe(element, { childList: true, subtree: true, characterData: true });
    }
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
