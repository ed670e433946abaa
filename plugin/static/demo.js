/* Demo page wiring: the reply textarea becomes an editor with a jargon side panel. */
(function () {
  "use strict";
  var editor = document.getElementById("reply-text");
  var panel = document.getElementById("reply-panel");
  if (editor && panel && window.HelpdeskGlossary) {
    window.demoEditor = window.HelpdeskGlossary.attachEditor(editor, panel);
  }
})();
