/* A timed test's page helpers and its review (vn_timed_test): the keys, explanations and points the server
 * sends only once the review is open. */
var VnTimedTest = window.VnTimedTest || {};
window.VnTimedTest = VnTimedTest;

VnTimedTest.LETTERS = "ABCDEFGH";
VnTimedTest.ROMAN = ["I", "II", "III", "IV", "V", "VI"];

VnTimedTest.fill = function (text, values) {
  "use strict";
  return text.replace(/%\((\w+)\)s/g, function (all, name) {
    return values[name] === undefined ? all : String(values[name]);
  });
};

/* "0.50" → "0,5": points without trailing zeros, with the page language's separator. */
VnTimedTest.points = function (text, separator) {
  "use strict";
  var value = String(text);
  if (value.indexOf(".") >= 0) value = value.replace(/0+$/, "").replace(/\.$/, "");
  return value.replace(".", separator || ",");
};

VnTimedTest.node = function (tag, className, text) {
  "use strict";
  var made = document.createElement(tag);
  if (className) made.className = className;
  if (text !== undefined) made.textContent = text;
  return made;
};

/* Math one way: the KaTeX the plugin serves (VnMath, core/math.py), which marks what it typeset so the LMS's
 * MathJax skips it; MathJax alone only where our script is missing. */
VnTimedTest.typeset = function (target) {
  "use strict";
  if (window.VnMath) return window.VnMath.render(target);
  var mathjax = window.MathJax;
  if (mathjax && mathjax.typesetPromise) mathjax.typesetPromise([target]).catch(function () {});
  else if (mathjax && mathjax.Hub) mathjax.Hub.Queue(["Typeset", mathjax.Hub, target]);
  else if (window.renderMathInElement) {
    window.renderMathInElement(target, { delimiters: [
      { left: "$$", right: "$$", display: true }, { left: "\\[", right: "\\]", display: true },
      { left: "\\(", right: "\\)", display: false }, { left: "$", right: "$", display: false }
    ] });
  }
};

VnTimedTest.partTitle = function (config, part, index) {
  "use strict";
  var title = config.parts[part] || part;
  return VnTimedTest.fill(config.messages.part, { number: VnTimedTest.ROMAN[index], title: title });
};

/* A student's answer as the review prints it: the letter, "ĐSĐS" (– for a statement left), the text. */
VnTimedTest.shownAnswer = function (type, value, msg) {
  "use strict";
  if (value === null || value === undefined || value === "") return msg.no_answer;
  if (type === "multiple_choice") return VnTimedTest.LETTERS.charAt(value);
  if (type === "true_false_cluster") {
    return value.map(function (v) { return v === null ? "–" : (v ? "Đ" : "S"); }).join("");
  }
  return String(value);
};

VnTimedTest.renderReview = function (view, target, config) {
  "use strict";
  var T = VnTimedTest, msg = config.messages, node = T.node;
  var points = function (text) { return T.points(text, config.decimal_separator); };

  function html(tag, className, content) {
    var made = node(tag, className);
    made.innerHTML = content;  // sanitised on the server (the bank's rules)
    return made;
  }

  function item(question) {
    var found = view.review[question.uuid] || {};
    var saved = view.answers[question.uuid];
    var box = node("div", "vn-tt-review-item");
    box.dataset.uuid = question.uuid;
    box.appendChild(node("strong", "vn-tt-number", T.fill(msg.question, { number: question.number })));
    box.appendChild(html("div", "vn-tt-stem", question.stem));
    if (question.choices) {
      var list = node("ul", "vn-tt-options");
      question.choices.forEach(function (choice, index) {
        var li = node("li");
        li.appendChild(node("span", "vn-tt-letter", T.LETTERS[index] + ". "));
        li.appendChild(html("span", "", choice));
        list.appendChild(li);
      });
      box.appendChild(list);
    }
    if (question.statements) {
      var statements = node("ol", "vn-tt-review-statements");
      statements.type = "a";
      question.statements.forEach(function (statement) { statements.appendChild(html("li", "", statement)); });
      box.appendChild(statements);
    }
    var given = T.shownAnswer(question.type, saved ? saved.value : null, msg);
    box.appendChild(node("p", "vn-tt-review-answer", T.fill(msg.your_answer, { answer: given })));
    if (found.key) box.appendChild(node("p", "vn-tt-review-key", T.fill(msg.key, { key: found.key })));
    var earned = found.earned === null || found.earned === undefined ? msg.teacher_grades
      : T.fill(msg.earned, { earned: points(found.earned), points: points(found.points) });
    box.appendChild(node("p", "vn-tt-review-earned", earned));
    if (found.comment) {
      box.appendChild(node("p", "vn-tt-review-comment", T.fill(msg.teacher_comment, { comment: found.comment })));
    }
    if (found.explanation) box.appendChild(html("div", "vn-tt-explanation", found.explanation));
    return box;
  }

  target.appendChild(node("h4", "vn-tt-review-title", msg.review));
  view.parts.forEach(function (part, index) {
    target.appendChild(node("h5", "vn-tt-part-title", T.partTitle(config, part.part, index)));
    part.questions.forEach(function (question) { target.appendChild(item(question)); });
  });
  T.typeset(target);
};
