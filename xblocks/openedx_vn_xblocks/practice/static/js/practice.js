/* One question at a time: ask the handler for the next, send the answer, show the verdict, the key and the
 * explanation that only arrive with the handler's answer; "Đã thành thạo" when the outcome is mastered. */
function VnPracticeBlock(runtime, element) {
  "use strict";
  var root = element.querySelector ? element : element[0];
  var block = root.querySelector(".vn-practice");
  var place = root.querySelector(".vn-practice-question");
  var feedback = root.querySelector(".vn-practice-feedback");
  var nextButton = root.querySelector(".vn-practice-next");
  if (!place) { return; }

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function post(handler, body) {
    return fetch(runtime.handlerUrl(root, handler), {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify(body || {})
    }).then(function (response) {
      if (!response.ok) { throw new Error(response.status); }
      return response.json();
    });
  }

  function paragraph(className, text) {
    var p = document.createElement("p");
    p.className = className;
    p.textContent = text;
    feedback.appendChild(p);
    return p;
  }

  function typeset(node) { if (window.VnMath) { window.VnMath.render(node); } }

  function readResponse(form) {
    var type = form.dataset.type;
    if (type === "multiple_choice") {
      var checked = form.querySelector("input[name=response]:checked");
      return checked ? parseInt(checked.value, 10) : null;
    }
    if (type === "true_false_cluster") {
      return Array.prototype.map.call(form.querySelectorAll("tr[data-index]"), function (row) {
        var chosen = row.querySelector("input:checked");
        return chosen ? chosen.value === "true" : null;
      });
    }
    return form.querySelector("input[name=response]").value;
  }

  function markOutcome(code, mastered) {
    var item = root.querySelector('.vn-practice-outcomes li[data-outcome="' + code + '"]');
    if (!item) { return; }
    item.className = mastered ? "vn-status-mastered" : "vn-status-in_progress";
    if (mastered) { item.querySelector(".vn-practice-status").textContent = block.dataset.msgMastered; }
  }

  function showResult(form, result) {
    feedback.textContent = "";
    if (result.error) { paragraph("vn-practice-error", result.error); return; }
    var verdict = paragraph("vn-practice-verdict " + (result.correct ? "vn-right" : "vn-not"),
      result.correct ? block.dataset.msgCorrect : block.dataset.msgWrong);
    verdict.setAttribute("tabindex", "-1");
    if (result.type === "multiple_choice") {
      form.querySelectorAll("input[name=response]").forEach(function (input) {
        var index = parseInt(input.value, 10);
        if (index === result.correct_option) { input.parentNode.classList.add("vn-correct"); }
        else if (index === result.response) { input.parentNode.classList.add("vn-wrong"); }
      });
    } else if (result.type === "true_false_cluster") {
      form.querySelectorAll("tr[data-index]").forEach(function (row) {
        var index = parseInt(row.dataset.index, 10);
        row.classList.add(result.response[index] === result.key[index] ? "vn-correct" : "vn-wrong");
      });
    }
    if (result.answers) { paragraph("vn-practice-key", block.dataset.msgKey + " " + result.answers.join("; ")); }
    if (result.explanation) {
      var explanation = document.createElement("div");
      explanation.className = "vn-practice-explanation";
      explanation.innerHTML = result.explanation;  // sanitised on the server (nh3)
      feedback.appendChild(explanation);
      typeset(explanation);
    }
    if (result.just_mastered) {
      paragraph("vn-practice-mastered", block.dataset.msgJustMastered);
    }
    markOutcome(result.outcome, result.mastered);
    form.querySelectorAll("input, button").forEach(function (input) { input.disabled = true; });
    nextButton.hidden = false;
    nextButton.focus();
  }

  function ask() {
    nextButton.hidden = true;
    feedback.textContent = "";
    post("next_question").then(function (answer) {
      if (answer.done) {
        place.textContent = "";
        paragraph("vn-practice-done", answer.message);
        return;
      }
      place.innerHTML = answer.html;  // rendered on the server from sanitised texts, without the key
      place.dataset.question = answer.question;
      typeset(place);
      var form = place.querySelector("form");
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        post("submit", { response: readResponse(form) })
          .then(function (result) { showResult(form, result); })
          .catch(function () { feedback.textContent = block.dataset.msgError; });
      });
    }).catch(function () { feedback.textContent = block.dataset.msgError; });
  }

  nextButton.addEventListener("click", ask);
  ask();
}
