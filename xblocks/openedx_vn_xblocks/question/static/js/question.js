/* Submits the chosen option; the key and explanation arrive only in the handler's answer. */
function VnQuestionBlock(runtime, element) {
  var root = element.querySelector ? element : element[0];
  var block = root.querySelector(".vn-question");
  var form = root.querySelector(".vn-question-form");
  var feedback = root.querySelector(".vn-question-feedback");
  var url = runtime.handlerUrl(root, "submit");

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function show(result) {
    feedback.textContent = "";
    if (result.error) {
      feedback.textContent = result.error;
      return;
    }
    var verdict = document.createElement("p");
    verdict.className = "vn-question-verdict";
    verdict.textContent = result.is_correct ? block.dataset.msgCorrect : block.dataset.msgWrong;
    feedback.appendChild(verdict);
    if (result.explanation) {
      var explanation = document.createElement("div");
      explanation.className = "vn-question-explanation";
      explanation.textContent = result.explanation;
      feedback.appendChild(explanation);
    }
    root.querySelectorAll("input[name=selected]").forEach(function (input) {
      var index = parseInt(input.value, 10);
      input.disabled = true;
      if (index === result.correct_option) input.parentNode.classList.add("vn-correct");
      else if (index === result.selected) input.parentNode.classList.add("vn-wrong");
    });
    form.querySelector("button").disabled = true;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var checked = form.querySelector("input[name=selected]:checked");
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify({ selected: checked ? parseInt(checked.value, 10) : null })
    })
      .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); })
      .then(show)
      .catch(function () { feedback.textContent = block.dataset.msgError; });
  });
}
