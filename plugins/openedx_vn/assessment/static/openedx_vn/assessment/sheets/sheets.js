/* Answer sheets upload: photos are shrunk in the browser (a 12 MP photo → 2400 px on its long side, plenty
   for 5 px/mm), and every file goes in parts under the LMS's 4 MB request limit; then the page follows the
   Celery task's progress. Without this script the form posts the files as they are. */
(function () {
  "use strict";
  var LONG_SIDE = 2400;

  function csrf(form) { return form.querySelector("input[name=csrfmiddlewaretoken]").value; }
  function fill(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (_m, name) { return values[name]; });
  }

  function shrink(file) {
    if (!/^image\/(jpeg|png)$/.test(file.type) || !window.createImageBitmap) { return Promise.resolve(file); }
    return createImageBitmap(file, { imageOrientation: "from-image" }).then(function (bitmap) {
      var scale = Math.min(1, LONG_SIDE / Math.max(bitmap.width, bitmap.height));
      if (scale === 1 && file.size < 3 * 1024 * 1024) { return file; }
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      return new Promise(function (resolve) {
        canvas.toBlob(function (blob) { resolve(blob || file); }, "image/jpeg", 0.85);
      });
    }).catch(function () { return file; });
  }

  function post(url, form, body) {
    return fetch(url, { method: "POST", body: body, credentials: "same-origin",
                        headers: { "X-CSRFToken": csrf(form) } })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (data) {
          if (!response.ok) { throw new Error(data.error || response.statusText); }
          return data;
        });
      });
  }

  function follow(url, form, status, bar) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (data) {
      bar.hidden = false; bar.max = Math.max(data.total, 1); bar.value = data.done;
      if (data.status === "done") {
        status.textContent = fill(form.dataset.msgDone, data);
        window.setTimeout(function () { window.location.reload(); }, 800);
        return;
      }
      if (data.status === "failed") { status.textContent = form.dataset.msgFailed + " " + data.error; return; }
      status.textContent = fill(form.dataset.msgReading, { done: data.done, total: data.total || "?" });
      window.setTimeout(function () { follow(url, form, status, bar); }, 1000);
    });
  }

  function upload(form, files) {
    var status = document.getElementById("vn-sheet-status");
    var bar = document.getElementById("vn-sheet-progress");
    var partBytes = parseInt(form.dataset.partBytes, 10);
    var blobs = [];
    var chain = Promise.resolve();
    files.forEach(function (file, index) {
      chain = chain.then(function () {
        status.textContent = fill(form.dataset.msgShrinking, { done: index + 1, total: files.length });
        return shrink(file).then(function (blob) {
          var name = blob === file ? file.name : file.name.replace(/\.\w+$/, "") + ".jpg";
          blobs.push({ name: name, blob: blob });
        });
      });
    });
    var batch;
    return chain.then(function () { return post(form.dataset.new, form, new FormData()); }).then(function (data) {
      batch = form.dataset.base + "batches/" + data.batch + "/";
      var total = blobs.reduce(function (sum, item) { return sum + item.blob.size; }, 0);
      var sent = 0;
      var sending = Promise.resolve();
      blobs.forEach(function (item) {
        for (var start = 0, index = 0; start < item.blob.size; start += partBytes, index += 1) {
          (function (start, index) {
            sending = sending.then(function () {
              var body = new FormData();
              body.append("name", item.name);
              body.append("index", index);
              body.append("part", item.blob.slice(start, start + partBytes), item.name);
              return post(batch + "parts/", form, body).then(function () {
                sent += Math.min(partBytes, item.blob.size - start);
                status.textContent = fill(form.dataset.msgSending,
                  { done: (sent / 1048576).toFixed(1).replace(".", ","), total: (total / 1048576).toFixed(1).replace(".", ",") });
              });
            });
          })(start, index);
        }
      });
      return sending;
    }).then(function () { return post(batch + "start/", form, new FormData()); })
      .then(function (data) { return follow(data.status, form, status, bar); })
      .catch(function (error) { status.textContent = form.dataset.msgFailed + " " + error.message; });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("vn-sheet-upload");
    if (!form || !window.fetch) { return; }
    form.addEventListener("submit", function (event) {
      var files = Array.prototype.slice.call(document.getElementById("vn-sheet-files").files);
      if (!files.length) { return; }
      event.preventDefault();
      form.querySelector("button[type=submit]").disabled = true;
      upload(form, files).then(function () { form.querySelector("button[type=submit]").disabled = false; });
    });
    document.querySelectorAll(".vn-sheet-batch[data-status]").forEach(function (line) {
      follow(line.dataset.status, form, document.getElementById("vn-sheet-status"), document.getElementById("vn-sheet-progress"));
    });
  });
})();
