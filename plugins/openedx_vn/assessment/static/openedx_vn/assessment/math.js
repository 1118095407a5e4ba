/* Typeset the math of question texts ($…$, \(…\), $$…$$, \[…\]) with the KaTeX the question bank serves. */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  if (!window.renderMathInElement) { return; }
  document.querySelectorAll(".vn-as-math").forEach(function (node) {
    if (window.VnMath) { window.VnMath.render(node); return; }  // the shared renderer (decimal comma)
    window.renderMathInElement(node, {
      delimiters: [
        { left: "$$", right: "$$", display: true },
        { left: "\\[", right: "\\]", display: true },
        { left: "\\(", right: "\\)", display: false },
        { left: "$", right: "$", display: false }
      ],
      throwOnError: false
    });
  });
});
