// Filters apply as soon as a choice changes (the "Apply" button stays for keyboards and no-script browsers).
document.addEventListener("change", function (event) {
  var select = event.target;
  if (select.matches && select.matches("form.vn-filters select")) {
    select.form.submit();
  }
});
