/* One way to typeset math on every page and block: the KaTeX the question bank vendors.
 *
 * Delimiters: inline $…$, \(…\) and the platform's [mathjaxinline]…[/mathjaxinline]; display $$…$$, \[…\]
 * and [mathjax]…[/mathjax]. A decimal comma between digits becomes {,} so KaTeX sets 0,83 as Vietnamese
 * print does (no space after the comma). A rendered container gets the class tex2jax_ignore, which the LMS's
 * MathJax skips: the same formula is never typeset twice.
 *
 * Use: VnMath.render(element) after inserting HTML; elements with the class vn-math are typeset on load.
 */
(function (global) {
  "use strict";

  var DELIMITERS = [
    { left: "$$", right: "$$", display: true },
    { left: "\\[", right: "\\]", display: true },
    { left: "\\(", right: "\\)", display: false },
    { left: "$", right: "$", display: false }
  ];
  var PLATFORM_TAGS = [
    [/\[mathjaxinline\]/g, "\\("], [/\[\/mathjaxinline\]/g, "\\)"],
    [/\[mathjax\]/g, "\\["], [/\[\/mathjax\]/g, "\\]"]
  ];

  /* "0,83" → "0{,}83": KaTeX treats a bare comma as punctuation and adds a thin space after it. */
  function decimalComma(latex) {
    return latex.replace(/(\d),(?=\d)/g, "$1{,}");
  }

  /* The platform's [mathjax] tags become the standard delimiters, in text nodes only (never markup). */
  function platformTags(element) {
    var walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT, null);
    var node = walker.nextNode();
    while (node) {
      if (node.nodeValue.indexOf("[mathjax") !== -1 || node.nodeValue.indexOf("[/mathjax") !== -1) {
        var text = node.nodeValue;
        PLATFORM_TAGS.forEach(function (pair) { text = text.replace(pair[0], pair[1]); });
        node.nodeValue = text;
      }
      node = walker.nextNode();
    }
  }

  function render(element) {
    if (!element) { return; }
    element.classList.add("tex2jax_ignore");
    if (!global.renderMathInElement) { return; }
    platformTags(element);
    global.renderMathInElement(element, {
      delimiters: DELIMITERS,
      preProcess: decimalComma,
      ignoredClasses: ["katex", "vn-math-skip"],
      throwOnError: false
    });
  }

  function renderAll(root) {
    (root || document).querySelectorAll(".vn-math").forEach(render);
  }

  global.VnMath = { render: render, renderAll: renderAll, decimalComma: decimalComma, delimiters: DELIMITERS };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { renderAll(); });
  } else {
    // Loaded after the page (an XBlock fragment's script in the LMS): KaTeX is already there.
    renderAll();
  }
}(window));
