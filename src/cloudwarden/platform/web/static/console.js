// cloudwarden console: the only custom script. Copy buttons: [data-copy] names the element
// whose text is copied. Without this script the text stays selectable and every form works.
"use strict";
document.addEventListener("click", function (event) {
  const button = event.target.closest("button[data-copy]");
  if (!button) {
    return;
  }
  const source = document.getElementById(button.dataset.copy);
  if (!source) {
    return;
  }
  const label = button.textContent;
  const done = function (text) {
    button.textContent = text;
    window.setTimeout(function () { button.textContent = label; }, 2000);
  };
  const selectSource = function () {
    const range = document.createRange();
    range.selectNodeContents(source);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(source.textContent).then(
      function () { done("Copied"); },
      function () { selectSource(); done("Selected: press Ctrl+C"); }
    );
  } else {
    selectSource();
    done("Selected: press Ctrl+C");
  }
});
