// Entry point of the integration tests that run inside a real VS Code extension host (the `extensionTestsPath`
// given to @vscode/test-electron's runTests). It runs mocha (BDD: describe/it) over every
// out/test/integration/**/*.test.js and settles when mocha is done; VS Code then exits with 0 or 1.
//
// Environment (passed through the test runner to the extension host):
//   INTEGRATION_GREP     only run tests whose full title matches this regular expression
//   INTEGRATION_TIMEOUT  per-test timeout in ms (default 20000)
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false,
    timeout: Number(process.env.INTEGRATION_TIMEOUT || 20000),
  });
  if (process.env.INTEGRATION_GREP) {
    mocha.grep(new RegExp(process.env.INTEGRATION_GREP));
  }
  const root = __dirname;
  const files = (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const f of files) {
    mocha.addFile(path.join(root, f));
  }
  console.log(`Running ${files.length} integration test file(s) in VS Code ${vscode.version} ` +
    `(Node ${process.version}): ${files.join(', ')}`);
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => {
        if (failures > 0) {
          reject(new Error(`${failures} integration test(s) failed.`));
        } else {
          resolve();
        }
      });
    } catch (err) {
      reject(err);
    }
  });
}
