// Stand-in for `raw-body` in the Workers bundle (wrangler [alias]). Only Bolt's Node
// receivers read bodies with it; our route reads the raw body itself (to verify it).
'use strict';
function unavailable() {
  return Promise.reject(new Error('raw-body is not bundled on Workers: the Hono route reads the raw body'));
}
module.exports = unavailable;
module.exports.default = unavailable;
