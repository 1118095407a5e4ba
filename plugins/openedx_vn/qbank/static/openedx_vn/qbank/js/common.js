/* Shared by the question-bank pages: texts, requests, safe HTML, math, one question's rendering. */
(function () {
  "use strict";

  // The tags and attributes the bank keeps (importing/sanitize.py); the preview shows nothing else.
  var TAGS = ("p br b strong i em u s sub sup span div ul ol li table thead tbody tr td th img code pre a " +
    "blockquote hr h3 h4 h5 h6").split(" ");
  var ATTRIBUTES = { img: ["src", "alt", "width", "height"], a: ["href", "title"], td: ["colspan", "rowspan"],
    th: ["colspan", "rowspan"] };

  function strings() {
    var node = document.getElementById("vn-qbank-strings");
    return node ? JSON.parse(node.textContent) : {};
  }

  function format(template, values) {
    return String(template).replace(/%\((\w+)\)s/g, function (_, name) {
      return values[name] === undefined ? "" : values[name];
    });
  }

  var numbers = new Intl.NumberFormat("vi-VN");
  function number(value) { return numbers.format(Number(value)); }

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  /* fetch with the CSRF token; resolves to {ok, status, data} (data: parsed JSON or null). */
  function request(url, options) {
    options = options || {};
    var headers = { "X-CSRFToken": csrfToken(), "Accept": "application/json" };
    var body = options.body;
    if (body && !(body instanceof FormData)) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(body);
    }
    return fetch(url, { method: options.method || "GET", headers: headers, body: body, credentials: "same-origin" })
      .then(function (response) {
        if (response.status === 204) { return { ok: true, status: 204, data: null }; }
        return response.json().then(
          function (data) { return { ok: response.ok, status: response.status, data: data }; },
          function () { return { ok: response.ok, status: response.status, data: null }; });
      });
  }

  /* Teachers' HTML, kept to the bank's tags and attributes (as the server will store it). */
  function sanitize(html) {
    var doc = new DOMParser().parseFromString("<body>" + (html || "") + "</body>", "text/html");
    (function clean(node) {
      Array.prototype.slice.call(node.childNodes).forEach(function (child) {
        if (child.nodeType === 3) { return; }
        if (child.nodeType !== 1) { child.remove(); return; }
        var tag = child.tagName.toLowerCase();
        if (TAGS.indexOf(tag) < 0) {
          if (tag === "script" || tag === "style" || tag === "iframe" || tag === "object") { child.remove(); return; }
          clean(child);
          while (child.firstChild) { node.insertBefore(child.firstChild, child); }
          child.remove();
          return;
        }
        Array.prototype.slice.call(child.attributes).forEach(function (attribute) {
          var allowed = (ATTRIBUTES[tag] || []).indexOf(attribute.name) >= 0;
          var value = attribute.value.trim().toLowerCase();
          if (allowed && attribute.name === "src" && !(value.indexOf("data:image/") === 0 || value.charAt(0) === "/")) {
            allowed = false;
          }
          if (allowed && attribute.name === "href" && !/^(https?:|mailto:|\/|#)/.test(value)) { allowed = false; }
          if (!allowed) { child.removeAttribute(attribute.name); }
        });
        clean(child);
      });
    })(doc.body);
    return doc.body.innerHTML;
  }

  function escape(text) {
    var div = document.createElement("div");
    div.textContent = text == null ? "" : String(text);
    return div.innerHTML;
  }

  /* Typeset $…$, $$…$$, \(…\), \[…\] inside an element with the vendored KaTeX. */
  function renderMath(element) {
    if (window.VnMath) { window.VnMath.render(element); return; }  // the shared renderer: decimal comma too
    if (!window.renderMathInElement) { return; }
    window.renderMathInElement(element, {
      delimiters: [
        { left: "$$", right: "$$", display: true },
        { left: "\\[", right: "\\]", display: true },
        { left: "\\(", right: "\\)", display: false },
        { left: "$", right: "$", display: false }
      ],
      throwOnError: false
    });
  }

  /* One question (the API's shape) as HTML: stem, options or statements with the key, explanation. */
  function questionHTML(q, texts) {
    var body = q.body || {};
    var parts = ['<div class="vn-qb-stem">' + sanitize(q.stem) + "</div>"];
    if (q.type === "multiple_choice") {
      parts.push('<ol class="vn-qb-choices">' + (body.choices || []).map(function (choice) {
        return "<li" + (choice.correct ? ' class="correct"' : "") + ">" + sanitize(choice.text) +
          (choice.correct ? " ✓" : "") + "</li>";
      }).join("") + "</ol>");
    } else if (q.type === "true_false_cluster") {
      parts.push('<ol class="vn-qb-statements">' + (body.statements || []).map(function (statement) {
        return "<li>" + sanitize(statement.text) + " — <strong>" +
          escape(statement.is_true ? texts["true"] : texts["false"]) + "</strong></li>";
      }).join("") + "</ol>");
    } else if (q.type === "short_answer") {
      var key = body.kind === "numeric"
        ? String(body.value).replace(".", ",") + (Number(body.tolerance) ? " (± " + String(body.tolerance).replace(".", ",") + ")" : "")
        : (body.answers || []).join(" / ");
      parts.push('<p class="vn-qb-key">' + escape(texts.answer) + ": " + escape(key) + "</p>");
    } else if (q.type === "essay" && (body.rubric || []).length) {
      parts.push('<ul class="vn-qb-rubric">' + body.rubric.map(function (entry) {
        return "<li>" + sanitize(entry.text) + " (" + escape(String(entry.points).replace(".", ",")) + " " +
          escape(texts.points) + ")</li>";
      }).join("") + "</ul>");
    }
    if (q.explanation) {
      parts.push('<details class="vn-qb-explanation"><summary>' + escape(texts.explanation) + "</summary>" +
        sanitize(q.explanation) + "</details>");
    }
    return parts.join("");
  }

  window.VNQBank = {
    strings: strings, format: format, number: number, request: request, sanitize: sanitize, escape: escape,
    renderMath: renderMath, questionHTML: questionHTML
  };
})();
