// Progressive enhancement only: every page works without this script.
// The live character counter of the compose box counts as the server does: code points of the
// trimmed text, in NFC, with CRLF as one line break.
document.addEventListener('DOMContentLoaded', function () {
  var box = document.getElementById('text');
  var counter = document.getElementById('counter');
  if (!box || !counter) {
    return;
  }
  var max = Number(box.getAttribute('data-max')) || 280;
  var button = document.getElementById('post-button');
  function update() {
    var text = box.value.replace(/\r\n?/g, '\n').normalize('NFC').trim();
    var left = max - Array.from(text).length;
    counter.textContent = left >= 0
        ? left + (left === 1 ? ' character left' : ' characters left')
        : (-left) + (left === -1 ? ' character too many' : ' characters too many');
    counter.classList.toggle('over', left < 0);
    if (button) {
      button.disabled = left < 0;
    }
  }
  box.addEventListener('input', update);
  update();
});
