// The reuse kit under each chart (scripts/explainer/reuse.py): the embed code is already
// on the page, selectable, without JavaScript; this only adds a button that copies it.
document.querySelectorAll("pre.ox-kit__code").forEach(function (pre) {
  if (!navigator.clipboard) return;
  var button = document.createElement("button");
  button.type = "button";
  button.className = "ox-kit__copy md-button";
  button.textContent = pre.dataset.copy;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(pre.textContent).then(function () {
      button.textContent = pre.dataset.copied;
      setTimeout(function () { button.textContent = pre.dataset.copy; }, 2000);
    });
  });
  pre.after(button);
});
