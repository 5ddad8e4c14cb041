/* Stand scanning: a code seen by the camera fills the form and sends it. */
(function () {
  "use strict";
  var form = document.getElementById("stand-scan-form");
  var input = document.getElementById("id_token");
  window.BadgeScanner.start(document.getElementById("stand-video"), function (token) {
    input.value = token;
    form.submit();
  }, function () {
    document.getElementById("stand-camera-note").hidden = true;
  });
})();
