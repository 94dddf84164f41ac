// Details panel: the buttons only ask the extension to copy; the page itself holds no secrets to copy.
(function () {
  /* global acquireVsCodeApi */
  const vscode = acquireVsCodeApi();
  for (const [id, what] of [['copy-json', 'json'], ['copy-id', 'id']]) {
    const button = document.getElementById(id);
    if (button) button.addEventListener('click', () => vscode.postMessage({ type: 'copy', what }));
  }
})();
