// Feishu H5 sign-in (platform-facts §2.6): inside the Feishu client, ask for an
// authorization code with tt.requestAccess, falling back to tt.requestAuthCode on older
// clients (errno 103 or no API), then hand the code to the server, which exchanges it.
(function () {
  'use strict';
  var root = document.getElementById('feishu-login');
  if (!root) return;
  var appId = root.getAttribute('data-app-id');
  var next = root.getAttribute('data-next') || '/app';
  var status = document.getElementById('feishu-status');

  function show(key) {
    var text = root.getAttribute('data-msg-' + key);
    if (status && text) status.textContent = text;
  }

  function send(code) {
    show('exchanging');
    fetch('/auth/feishu/session', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: code })
    }).then(function (res) {
      if (res.ok) { window.location.replace(next); return; }
      return res.json().then(function (body) {
        if (status) status.textContent = (body && body.message) || root.getAttribute('data-msg-failed');
      });
    }).catch(function () { show('failed'); });
  }

  function legacy() {
    if (!window.tt || typeof window.tt.requestAuthCode !== 'function') { show('outside'); return; }
    window.tt.requestAuthCode({
      appId: appId,
      success: function (r) { send(r.code); },
      fail: function () { show('refused'); }
    });
  }

  function start() {
    if (!window.tt) { show('outside'); return; }
    if (typeof window.tt.requestAccess !== 'function') { legacy(); return; }
    window.tt.requestAccess({
      appID: appId,
      scopeList: [],
      success: function (r) { send(r.code); },
      fail: function (err) {
        if (err && err.errno === 103) legacy();
        else show('refused');
      }
    });
  }

  if (window.h5sdk && typeof window.h5sdk.ready === 'function') window.h5sdk.ready(start);
  else show('outside');
})();
