// Optional: sorts a table when a header button is clicked. The report reads the same without it.
(function () {
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var body = table.tBodies[0];
    table.querySelectorAll("thead th button").forEach(function (button, col) {
      button.addEventListener("click", function () {
        var asc = button.getAttribute("data-dir") !== "asc";
        table.querySelectorAll("thead th button").forEach(function (b) { b.removeAttribute("data-dir"); });
        button.setAttribute("data-dir", asc ? "asc" : "desc");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (x, y) {
          var a = x.cells[col], b = y.cells[col];
          var na = a.getAttribute("data-sort"), nb = b.getAttribute("data-sort");
          var r = (na !== null && nb !== null) ? Number(na) - Number(nb) : a.textContent.localeCompare(b.textContent);
          return asc ? r : -r;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
})();
