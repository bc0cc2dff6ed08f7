'use strict';
// Runs before `npm start` and `npm test`, on whatever Node the machine has, so it is plain
// CommonJS that any old Node can parse. Older Nodes would otherwise fail later with an
// unrelated stack trace (undici, or "bad option: --experimental-strip-types").
var NEED = [22, 12];
var version = process.versions.node;
var parts = version.split('.').map(Number);
var ok = parts[0] > NEED[0] || (parts[0] === NEED[0] && parts[1] >= NEED[1]);
if (!ok) {
  process.stderr.write(
    'Outcome needs Node.js ' + NEED.join('.') + ' or newer; this is Node.js ' + version + ' (' + process.execPath + ').\n' +
      'Install Node.js 22 with one of:\n' +
      '  nvm install && nvm use              (this folder has an .nvmrc saying 22)\n' +
      '  https://nodejs.org/en/download      (the installer or a package manager)\n' +
      '  npm install --prefix ~/.cache/outcome-node22 node@22 && export PATH=~/.cache/outcome-node22/node_modules/.bin:$PATH\n' +
      'then run the command again.\n',
  );
  process.exit(1);
}
