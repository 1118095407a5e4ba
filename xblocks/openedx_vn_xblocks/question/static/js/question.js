/* Sends the answer; the key, the points and the explanation arrive only in the handler's answer. */
function VnQuestionBlock(runtime, element) {
  var root = element.querySelector ? element : element[0];
  var block = root.querySelector(".vn-question");
  var type = block.dataset.type;
  var form = root.querySelector(".vn-question-form");
  var feedback = root.querySelector(".vn-question-feedback");
  var url = runtime.handlerUrl(root, "submit");

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function readResponse() {
    if (type === "multiple_choice") {
      var checked = form.querySelector("input[name=response]:checked");
      return checked ? parseInt(checked.value, 10) : null;
    }
    if (type === "true_false_cluster") {
      return Array.prototype.map.call(form.querySelectorAll("tr[data-index]"), function (row) {
        var checked = row.querySelector("input:checked");
        return checked ? checked.value === "true" : null;
      });
    }
    return form.querySelector("input[name=response]").value;
  }

  function number(value) {
    // Vietnamese writes 0,5: follow the page's language.
    return Number(value).toLocaleString(document.documentElement.lang || "vi");
  }

  function paragraph(className, text) {
    var p = document.createElement("p");
    p.className = className;
    p.textContent = text;
    feedback.appendChild(p);
  }

  function markStatements(key, response) {
    form.querySelectorAll("tr[data-index]").forEach(function (row) {
      var index = parseInt(row.dataset.index, 10);
      var given = response[index];
      row.querySelectorAll("input").forEach(function (input) {
        input.checked = given !== null && (input.value === "true") === given;
      });
      row.classList.add(given === key[index] ? "vn-correct" : "vn-wrong");
    });
  }

  function show(result) {
    feedback.textContent = "";
    if (result.error) {
      paragraph("vn-question-error", result.error);
      return;
    }
    var verdict = result.is_correct ? block.dataset.msgCorrect
      : (result.earned > 0 ? block.dataset.msgPartial : block.dataset.msgWrong);
    paragraph("vn-question-verdict", verdict + " " + block.dataset.msgPoints + " " + number(result.earned) + " / " + number(result.possible));
    if (result.answers) paragraph("vn-question-key", block.dataset.msgKey + " " + result.answers.join("; "));
    if (result.explanation) {
      // Sanitised on the server (nh3): it may hold formatting, images and math.
      var explanation = document.createElement("div");
      explanation.className = "vn-question-explanation";
      explanation.innerHTML = result.explanation;
      feedback.appendChild(explanation);
      if (window.VnMath) window.VnMath.render(explanation);
    }
    if (type === "multiple_choice") {
      root.querySelectorAll("input[name=response]").forEach(function (input) {
        var index = parseInt(input.value, 10);
        if (index === result.correct_option) input.parentNode.classList.add("vn-correct");
        else if (index === result.response) input.parentNode.classList.add("vn-wrong");
      });
    }
    if (type === "true_false_cluster") markStatements(result.key, result.response);
    form.querySelectorAll("input, button").forEach(function (input) { input.disabled = true; });
  }

  var saved = root.querySelector(".vn-question-result");
  if (saved) {
    var data = JSON.parse(saved.textContent);
    markStatements(data.key, data.response);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify({ response: readResponse() })
    })
      .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); })
      .then(show)
      .catch(function () { feedback.textContent = block.dataset.msgError; });
  });
}
