// Drag-and-drop reordering of a student's wishes. Without JavaScript the up/down buttons
// (plain form posts) do the same; here a drop fills the hidden order form and submits it.
(function () {
  "use strict";
  // After a move the page opens at #wish-<id>: put the focus on that wish.
  var moved = location.hash && document.getElementById(location.hash.slice(1));
  if (moved && moved.classList.contains("wish")) { moved.focus(); }
  var list = document.querySelector("[data-sortable]");
  if (!list) { return; }
  var form = document.getElementById(list.getAttribute("data-sortable"));
  var dragged = null;

  list.addEventListener("dragstart", function (event) {
    dragged = event.target.closest(".wish");
    if (!dragged) { return; }
    dragged.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", dragged.getAttribute("data-company"));
  });

  list.addEventListener("dragover", function (event) {
    if (!dragged) { return; }
    event.preventDefault();
    var over = event.target.closest(".wish");
    if (!over || over === dragged) { return; }
    var box = over.getBoundingClientRect();
    var after = event.clientY > box.top + box.height / 2;
    list.insertBefore(dragged, after ? over.nextSibling : over);
  });

  list.addEventListener("dragend", function () {
    if (!dragged) { return; }
    dragged.classList.remove("dragging");
    dragged = null;
    var order = Array.prototype.map.call(list.querySelectorAll(".wish"), function (item) {
      return item.getAttribute("data-company");
    });
    form.querySelector("input[name=order]").value = order.join(",");
    form.submit();
  });
})();
