/* Camera QR scanning for the door and stand pages: the native BarcodeDetector where the
   browser has one, else the vendored jsQR (Chromium on Linux has no BarcodeDetector). */
(function () {
  "use strict";

  function normalise(text) {
    // Hand-held scanners type like a keyboard: maybe lower case (Caps Lock), maybe spaces.
    return String(text || "").replace(/\s+/g, "").toUpperCase();
  }

  function makeDecoder() {
    if ("BarcodeDetector" in window) {
      try {
        var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
        return function (source) {
          return detector.detect(source).then(function (codes) {
            return codes.length ? codes[0].rawValue : null;
          });
        };
      } catch (e) { /* fall through to jsQR */ }
    }
    var canvas = document.createElement("canvas");
    var context = canvas.getContext("2d", { willReadFrequently: true });
    return function (video) {
      var width = video.videoWidth, height = video.videoHeight;
      if (!width || !height) return Promise.resolve(null);
      var scale = Math.min(1, 800 / Math.max(width, height));
      canvas.width = Math.round(width * scale);
      canvas.height = Math.round(height * scale);
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      var image = context.getImageData(0, 0, canvas.width, canvas.height);
      var code = window.jsQR(image.data, canvas.width, canvas.height, { inversionAttempts: "dontInvert" });
      return Promise.resolve(code ? code.data : null);
    };
  }

  // Starts the camera in `video` and calls onCode(token) for each new code seen.
  // The same code is not reported again within `repeatMs` (it stays in view).
  function start(video, onCode, onFail, repeatMs) {
    repeatMs = repeatMs || 4000;
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      onFail();
      return;
    }
    var constraints = { video: { facingMode: "environment", width: { ideal: 1280 } }, audio: false };
    navigator.mediaDevices.getUserMedia(constraints).then(function (stream) {
      video.srcObject = stream;
      return video.play();
    }).then(function () {
      var decode = makeDecoder();
      var last = "", lastAt = 0;
      function tick() {
        decode(video).then(function (text) {
          if (text) {
            var token = normalise(text);
            var now = Date.now();
            if (token !== last || now - lastAt > repeatMs) onCode(token);
            last = token;
            lastAt = now;
          }
        }).catch(function () { /* a bad frame: try the next */ }).then(function () {
          setTimeout(tick, 150);
        });
      }
      tick();
    }).catch(function () { onFail(); });
  }

  window.BadgeScanner = { start: start, normalise: normalise };
})();
