/* The door page: scan (camera or keyboard), show the answer big with a sound, keep working
   offline (Ed25519 check with the fair's public key, revocation list, queued uploads). */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("door-config").textContent);
  var L = config.labels;
  var slug = config.fair;
  var csrf = document.getElementById("door-csrf").value;
  var store = {
    get: function (key, fallback) {
      try { var v = localStorage.getItem("door:" + slug + ":" + key); return v ? JSON.parse(v) : fallback; }
      catch (e) { return fallback; }
    },
    set: function (key, value) { localStorage.setItem("door:" + slug + ":" + key, JSON.stringify(value)); }
  };

  // A device link carries its token in the fragment (#device=…): it never reaches a server log.
  var match = /(?:^#|&)device=([^&]+)/.exec(location.hash);
  if (match) {
    store.set("device", decodeURIComponent(match[1]));
    history.replaceState(null, "", location.pathname + location.search);
  }
  var deviceToken = config.session ? null : store.get("device", null);
  var $ = function (id) { return document.getElementById(id); };

  function headers(json) {
    var h = { "Accept": "application/json" };
    if (json) h["Content-Type"] = "application/json";
    if (deviceToken) h["Authorization"] = "Bearer " + deviceToken;
    else h["X-CSRFToken"] = csrf;
    return h;
  }
  function api(url, body, timeout) {
    var options = { headers: headers(body !== undefined), credentials: "same-origin" };
    if (body !== undefined) { options.method = "POST"; options.body = JSON.stringify(body); }
    if (!timeout || !window.AbortController) return fetch(url, options);
    // Poor Wi-Fi: online, but no answer comes. Give up after `timeout` ms (the caller falls back).
    var controller = new AbortController();
    var timer = setTimeout(function () { controller.abort(); }, timeout);
    options.signal = controller.signal;
    return fetch(url, options).then(function (r) { clearTimeout(timer); return r; },
      function (e) { clearTimeout(timer); throw e; });
  }
  var ANSWER_WAIT = 2000;  // ms a scan waits for the server before the local check answers
  function fmt(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (_m, key) { return values[key]; });
  }
  function clock(iso) {
    var d = new Date(iso);
    return ("0" + d.getHours()).slice(-2) + ":" + ("0" + d.getMinutes()).slice(-2);
  }

  // --- Sound: a short beep, different per result ------------------------------------------
  var audio = null;
  function beep(result) {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      var tones = { ok: [[880, 0, 0.12]], duplicate: [[660, 0, 0.1], [660, 0.18, 0.1]],
        invalid: [[220, 0, 0.45]], revoked: [[220, 0, 0.2], [180, 0.25, 0.3]],
        unverified: [[440, 0, 0.1], [440, 0.18, 0.1], [440, 0.36, 0.1]] }[result] || [];
      tones.forEach(function (t) {
        var osc = audio.createOscillator(), gain = audio.createGain();
        osc.frequency.value = t[0];
        osc.type = result === "ok" ? "sine" : "square";
        gain.gain.value = 0.2;
        osc.connect(gain); gain.connect(audio.destination);
        osc.start(audio.currentTime + t[1]); osc.stop(audio.currentTime + t[1] + t[2]);
      });
    } catch (e) { /* no sound available: the text says it all */ }
  }

  function show(result, name, role, detail) {
    var box = $("door-result");
    box.className = "door-result door-result-" + result;
    box.dataset.result = result;
    $("door-word").textContent = L[result] || result;
    $("door-name").textContent = name || "";
    $("door-detail").textContent = [role ? L[role] || role : "", detail || ""].filter(Boolean).join(" · ");
    if (result !== "checking") beep(result);
  }

  // --- Roster for offline checks ------------------------------------------------------------
  var roster = store.get("roster", null);
  var localIn = store.get("in", {});  // person id → ISO time, scans made on this device
  var publicKey = null;

  // Without Ed25519 in WebCrypto (older browsers, plain http on a LAN) badges cannot be
  // checked offline: such scans are queued unjudged and the server decides on sync.
  var cryptoMissing = false;
  function noOfflineCheck() {
    cryptoMissing = true; publicKey = null;
    $("door-crypto").hidden = false;
    $("door-crypto").textContent = L.no_offline_check;
    window.doorKeyReady = false;
  }
  function importKey() {
    if (!roster) return Promise.resolve(null);
    if (!window.crypto || !crypto.subtle) { noOfflineCheck(); return Promise.resolve(null); }
    var raw = Uint8Array.from(atob(roster.public_key), function (c) { return c.charCodeAt(0); });
    var imported;
    try { imported = crypto.subtle.importKey("raw", raw, { name: "Ed25519" }, false, ["verify"]); }
    catch (e) { imported = Promise.reject(e); }
    return imported
      .then(function (key) { publicKey = key; cryptoMissing = false; $("door-crypto").hidden = true; window.doorKeyReady = true; return key; })
      .catch(function () { noOfflineCheck(); return null; });
  }
  function refreshRoster() {
    return api(config.roster).then(function (r) {
      if (r.status === 401 || r.status === 403) { needAuth(); return; }
      if (!r.ok) return;
      return r.json().then(function (data) {
        roster = data; store.set("roster", data); return importKey();
      });
    }).catch(function () { /* offline: keep the stored one */ });
  }

  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  function base32(text) {
    var bits = 0, value = 0, out = [];
    for (var i = 0; i < text.length; i++) {
      var idx = ALPHABET.indexOf(text[i]);
      if (idx < 0) return null;
      value = (value << 5) | idx; bits += 5;
      if (bits >= 8) { out.push((value >>> (bits - 8)) & 255); bits -= 8; }
    }
    if (value & ((1 << bits) - 1)) return null;  // unused trailing bits must be zero
    return new Uint8Array(out);
  }
  function personOf(token) {
    var raw = token.length === 117 ? base32(token) : null;
    return raw && raw.length === 73 ? new DataView(raw.buffer).getUint32(3) : null;
  }
  var CONTEXT = new TextEncoder().encode("praktikmesse/badge\u0000");

  // Same rules as the server: signature, fair, revoked versions, already in.
  function verifyLocally(token) {
    var raw = token.length === 117 ? base32(token) : null;
    if (!raw || raw.length !== 73 || raw[0] !== 1) return Promise.resolve({ result: "invalid" });
    if (!roster || !publicKey) return Promise.resolve({ result: "unverified" });
    var payload = raw.slice(0, 9), signature = raw.slice(9);
    var view = new DataView(payload.buffer);
    var fairId = view.getUint16(1), person = view.getUint32(3), version = view.getUint16(7);
    var message = new Uint8Array(CONTEXT.length + 9);
    message.set(CONTEXT); message.set(payload, CONTEXT.length);
    return crypto.subtle.verify({ name: "Ed25519" }, publicKey, signature, message).then(function (good) {
      if (!good || fairId !== roster.fair_id) return { result: "invalid" };
      var entry = roster.people.find(function (p) { return p[0] === person; });
      var revoked = roster.revoked.some(function (p) { return p[0] === person && p[1] === version; });
      var name = entry ? entry[2] : L.unknown, role = entry ? entry[3] : "";
      if (revoked || (entry && entry[1] > version)) return { result: "revoked", name: name, role: role };
      // Not on the roster (a badge newer than the last download): the server decides on sync.
      if (!entry) return { result: "unverified" };
      var since = localIn[person] || (roster.checked_in.indexOf(person) >= 0 ? "" : null);
      if (since !== null) return { result: "duplicate", name: name, role: role, first_checked_in_at: since };
      return { result: "ok", name: name, role: role, person: person };
    });
  }

  // --- Queue of offline scans -----------------------------------------------------------------
  var queue = store.get("queue", []);
  function nonce() {
    return crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2);
  }
  function status() {
    var line = navigator.onLine ? L.online : L.offline;
    var waiting = queue.length === 1 ? L.waiting_one : L.waiting_many;
    line += " · " + (queue.length ? fmt(waiting, { count: queue.length }) : L.synced);
    $("door-status").textContent = line;
    $("door-status").dataset.queued = String(queue.length);
  }
  var syncing = false;
  function sync() {
    if (syncing || !queue.length) { status(); return Promise.resolve(); }
    syncing = true;
    var item = queue[0];
    return api(config.checkin, item, 3 * ANSWER_WAIT).then(function (r) {
      if (r.status === 401 || r.status === 403) {
        // Device link revoked or session expired: keep every scan until someone logs in again.
        needAuth(L.auth_lost); throw new Error("auth");
      }
      if ([200, 409, 422].indexOf(r.status) < 0) throw new Error("retry");  // 5xx, 429, proxies
      queue.shift(); store.set("queue", queue);  // answered: ok, already in, invalid or revoked
      $("door-auth").hidden = !!(config.session || deviceToken);
      syncing = false;
      return sync();
    }).catch(function () { syncing = false; status(); });
  }

  function answer(data) {
    var detail = "";
    if (data.result === "ok" && data.checked_in_at) detail = clock(data.checked_in_at);
    if (data.result === "duplicate" && data.first_checked_in_at) detail = fmt(L.since, { time: clock(data.first_checked_in_at) });
    if (data.queued) detail = L.queued;
    if (data.result === "not_fair_day") detail = data.detail || "";
    show(data.result, data.name, data.role, detail);
  }

  // `body` is the unanswered online attempt, if any: the queued upload reuses its nonce, so
  // the server counts the scan once even if that attempt did arrive.
  function offline(token, body) {
    return verifyLocally(token).then(function (data) {
      if (data.result === "ok" || data.result === "unverified") {
        var at = body ? body.scanned_at : new Date().toISOString();
        if (data.person !== undefined) { localIn[data.person] = at; store.set("in", localIn); }
        queue.push(body || { token: token, fair: slug, nonce: nonce(), scanned_at: at });
        store.set("queue", queue);
        data.queued = true;
      }
      answer(data); status();
    });
  }

  function scan(raw) {
    var token = window.BadgeScanner.normalise(raw);
    if (!token) return;
    show("checking", "", "", "");  // never leave the previous person's answer up meanwhile
    if (!navigator.onLine) { offline(token); return; }
    var body = { token: token, fair: slug, nonce: nonce(), scanned_at: new Date().toISOString() };
    api(config.checkin, body, ANSWER_WAIT).then(function (r) {
      if (r.status === 401) { needAuth(); return offline(token, body); }
      if (r.status >= 500 || r.status === 403) throw new Error("server");
      return r.json().then(function (data) {
        var person = personOf(token);
        if ((data.result === "ok" || data.result === "duplicate") && person !== null) {
          localIn[person] = data.checked_in_at || data.first_checked_in_at || ""; store.set("in", localIn);
        }
        answer(data); counts(); sync();
      });
    }).catch(function () { offline(token, body); });
  }

  function needAuth(text) {
    $("door-auth").hidden = false;
    $("door-auth").textContent = text || (queue.length ? L.auth_lost : L.no_auth);
  }

  // --- Counts, search, walk-ins ---------------------------------------------------------------
  function counts() {
    if (!navigator.onLine) return;
    api(config.counts).then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
      if (!data) return;
      Object.keys(data.counts).forEach(function (role) {
        var cell = document.querySelector('#door-counts [data-role="' + role + '"]');
        if (cell) cell.textContent = data.counts[role];
      });
      document.querySelector('#door-counts [data-role="total"]').textContent = data.total;
    }).catch(function () {});
  }

  function search(q) {
    var list = $("door-people"), status = $("door-search-status");
    api(config.people + "?q=" + encodeURIComponent(q)).then(function (r) {
      if (!r.ok) throw new Error(String(r.status));
      return r.json();
    }).then(function (people) {
      list.textContent = "";
      status.textContent = people.length
        ? fmt(people.length === 1 ? L.found_one : L.found_many, { count: people.length })
        : L.no_results;
      people.forEach(function (p) {
        var li = document.createElement("li");
        var who = document.createElement("span"); who.className = "person";
        who.textContent = p.name + " · " + (L[p.role] || p.role) + (p.organisation ? " · " + p.organisation : "") +
          (p.checked_in_at ? " · " + fmt(L.since, { time: clock(p.checked_in_at) }) : "");
        var go = document.createElement("button"); go.type = "button"; go.className = "button";
        go.textContent = L.check_in;
        go.setAttribute("aria-label", fmt(L.check_in_name, { name: p.name }));
        go.addEventListener("click", function () {
          api(config.people + "/" + p.id + "/checkin", {}).then(function (r) { return r.json(); })
            .then(function (data) { answer(data); backToScan(); counts(); search(q); })
            .catch(function () { status.textContent = L.error; });
        });
        var print = document.createElement("button"); print.type = "button"; print.className = "button button-secondary";
        print.textContent = L.print;
        print.setAttribute("aria-label", fmt(L.print_name, { name: p.name }));
        print.addEventListener("click", function () { printBadge(config.people + "/" + p.id + "/badge.pdf"); });
        li.append(who, go, print); list.appendChild(li);
      });
    }).catch(function () { list.textContent = ""; status.textContent = L.error; });
  }

  // After a check-in by name: the answer comes into view (the banner is announced through
  // its aria-live), and the scan field takes the focus again, so the hand-held scanner's next
  // code (typed keys and Enter) goes into it instead of being lost on the list below.
  function backToScan() {
    $("door-token").focus({ preventScroll: true });
    $("door-result").scrollIntoView({ block: "start" });
  }

  function printBadge(url) {
    // The PDF needs the device's credentials, so it is fetched and opened as a blob.
    var win = window.open("", "_blank");
    api(url).then(function (r) { return r.blob(); }).then(function (blob) {
      var href = URL.createObjectURL(blob);
      if (win) win.location = href; else location.assign(href);
    });
  }

  $("door-scan-form").addEventListener("submit", function (e) {
    e.preventDefault();
    var input = $("door-token");
    scan(input.value); input.value = ""; input.focus();
  });
  $("door-search-form").addEventListener("submit", function (e) {
    e.preventDefault(); search($("door-q").value);
  });
  $("door-walkin-form").addEventListener("submit", function (e) {
    e.preventDefault();
    var form = e.target, out = $("door-walkin-result");
    var body = { name: form.name.value, email: form.email.value, school_class: form.school_class.value,
      school: form.school.value ? Number(form.school.value) : null };
    api(config.walkins, body).then(function (r) {
      return r.json().then(function (data) {
        if (r.status !== 201) { out.textContent = data.message || L.error; return; }
        out.textContent = fmt(L.walk_in_done, { name: data.name });
        show("ok", data.name, data.role, clock(data.checked_in_at));
        form.reset(); counts(); printBadge(data.badge_url);
      });
    }).catch(function () { out.textContent = L.error; });
  });

  window.addEventListener("online", function () { status(); refreshRoster(); sync(); counts(); });
  window.addEventListener("offline", status);
  setInterval(function () { if (navigator.onLine) { sync(); counts(); } }, 5000);
  setInterval(function () { if (navigator.onLine) refreshRoster(); }, 30000);

  if (!config.session && !deviceToken) needAuth();
  importKey().then(refreshRoster);
  counts(); status(); sync();
  window.BadgeScanner.start($("door-video"), scan, function () {
    $("door-camera-note").textContent = L.camera_off;
  });
  $("door-token").focus();
  window.doorReady = true;
})();
