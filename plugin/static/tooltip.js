/*
 * helpdesk-annotator tooltip widget. Plain JavaScript, no build step, no dependencies.
 *
 *   <link rel="stylesheet" href="https://annotator.example.com/plugin/tooltip.css">
 *   <script src="https://annotator.example.com/plugin/tooltip.js"
 *           data-target=".ticket-body" data-first-only="false" defer></script>
 *
 * data-endpoint  base URL of the service (default: where this script was loaded from); on
 *                another origin the service must allow this page's origin (serve --cors-origin)
 * data-target    CSS selector of elements to annotate when the page has loaded
 * data-first-only  "true": mark only the first mention of each concept
 * data-familiarity "jargon": mark only jargon, not the everyday words every agent knows
 *                  ("queue", "ticket"); "all" (default): every glossary term
 * (data-first-only and data-familiarity may also be set on an annotated element itself)
 *
 * window.HelpdeskGlossary.annotate(element)            -> Promise<number of terms wrapped>
 * window.HelpdeskGlossary.attachEditor(editor, panel)  -> {refresh(), detach()}
 *
 * Guarantees: only text nodes are touched (never code, pre, links, form fields, scripts, SVG,
 * contenteditable=false or [data-no-glossary] content); a span is wrapped only if the text at its
 * UTF-16 offsets is exactly the span's text; every string from the server is written with
 * textContent, never parsed as HTML; a failed request leaves the page as it was.
 */
(function () {
  "use strict";

  if (window.HelpdeskGlossary && window.HelpdeskGlossary.version) {
    return; // loaded twice: keep the first instance (and its listeners)
  }

  var SKIP = "code, pre, a, script, style, textarea, input, select, button, kbd, samp, svg, " +
    "template, noscript, [contenteditable=false], [data-no-glossary], [hidden], [aria-hidden=true], " +
    ".hg-term, .hg-tooltip, .hg-panel";
  var BLOCK = /^(ADDRESS|ARTICLE|ASIDE|BLOCKQUOTE|BR|DD|DETAILS|DIV|DL|DT|FIELDSET|FIGCAPTION|FIGURE|FOOTER|FORM|H[1-6]|HEADER|HR|LI|MAIN|NAV|OL|P|SECTION|SUMMARY|TABLE|TBODY|TD|TFOOT|TH|THEAD|TR|UL)$/;
  var TOOLTIP_ID = "hg-tooltip";
  var HIDE_DELAY_MS = 250;
  // Short panel lines per lint rule; the full message stays in the title attribute.
  var RULE_HINTS = {
    "undefined-acronym": "Not spelled out anywhere in this text.",
    "defined-after-use": "Spelled out only after its first use.",
    "ambiguous-acronym": "Has several meanings here: say which one."
  };
  var DEBOUNCE_MS = 400;

  var script = document.currentScript;
  var config = {
    endpoint: "",
    target: null,
    firstOnly: false,
    familiarity: "all"
  };
  if (script) {
    var ds = script.dataset;
    config.endpoint = ds.endpoint || script.src.replace(/\/plugin\/tooltip\.js(\?.*)?$/, "");
    config.target = ds.target || null;
    config.firstOnly = ds.firstOnly === "true";
    config.familiarity = ds.familiarity || "all";
  }

  function apiUrl(path) {
    return config.endpoint.replace(/\/+$/, "") + path;
  }

  // One console line per distinct problem, however many elements or requests hit it.
  var warned = {};
  function warnOnce(message) {
    if (warned[message] || !window.console) { return; }
    warned[message] = true;
    console.warn("HelpdeskGlossary: " + message);
  }

  /** The service's origin when it is not this page's (a cross-origin call needs CORS). */
  function foreignOrigin() {
    try {
      var origin = new URL(apiUrl("/"), window.location.href).origin;
      return origin !== window.location.origin ? origin : null;
    } catch (e) {
      return null;
    }
  }

  // ---------------------------------------------------------------------------------------
  // HTTP: every failure (network, non-2xx, non-JSON body such as a proxy's HTML 502) becomes
  // a rejected promise with a short human message; callers show a quiet state, nothing throws.

  function postJSON(path, body, signal) {
    return fetch(apiUrl(path), {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify(body),
      signal: signal,
      credentials: "same-origin"
    }).catch(function (error) {
      // fetch() rejects with a bare TypeError both when the service is down and when the
      // browser blocks a cross-origin answer the service did not allow (CORS): the message
      // names both causes and the fix, since the page cannot tell them apart.
      var other = error && error.name !== "AbortError" ? foreignOrigin() : null;
      if (!other) { throw error; }
      throw new Error("no answer from " + other + ": the service is down, or it does not allow " +
        "requests from " + window.location.origin + " (start it with: helpdesk-annotator serve " +
        "--cors-origin " + window.location.origin + ")");
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (type.indexOf("json") === -1) {
        throw new Error("service unavailable (" + response.status + ")");
      }
      return response.json().then(function (data) {
        if (!response.ok) {
          var message = data && data.error && data.error.message;
          throw new Error(message || "request failed (" + response.status + ")");
        }
        return data;
      });
    });
  }

  // ---------------------------------------------------------------------------------------
  // Collecting visible text. Text nodes are concatenated in document order; a "\n" marks a
  // block boundary or skipped content so words never fuse ("SLA</p><p>KB" is not "SLAKB").
  // Each segment remembers its node and its UTF-16 range in the concatenated string (JS string
  // indices are UTF-16 code units, the same unit as the service's start_utf16/end_utf16).

  function collect(root) {
    var segments = [];
    var parts = [];
    var length = 0;
    var pendingBreak = false;
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        if (node.nodeType === 1) {
          if (node !== root && node.matches(SKIP)) {
            pendingBreak = true;
            return NodeFilter.FILTER_REJECT;
          }
          if (BLOCK.test(node.tagName)) { pendingBreak = true; }
          return NodeFilter.FILTER_SKIP;
        }
        return NodeFilter.FILTER_ACCEPT;
      }
    });
    var node;
    while ((node = walker.nextNode())) {
      if (!node.data) { continue; }
      if (pendingBreak && length > 0) {
        parts.push("\n");
        length += 1;
      }
      pendingBreak = false;
      segments.push({ node: node, start: length, end: length + node.data.length });
      parts.push(node.data);
      length += node.data.length;
    }
    return { text: parts.join(""), segments: segments };
  }

  // ---------------------------------------------------------------------------------------
  // Wrapping spans. Spans come sorted by offset; each must lie inside one text node and its
  // text there must equal span.text exactly, else it is skipped (never a shifted highlight).

  var termData = new WeakMap();
  var nextId = 0;

  function wrapSpans(collected, spans) {
    var byNode = new Map();
    var seg = 0;
    var segments = collected.segments;
    spans.forEach(function (span) {
      var start = span.start_utf16;
      var end = span.end_utf16;
      while (seg < segments.length && segments[seg].end <= start) { seg += 1; }
      var s = segments[seg];
      if (!s || start < s.start || end > s.end) { return; } // crosses nodes or a break
      var local = { span: span, start: start - s.start, end: end - s.start };
      if (s.node.data.slice(local.start, local.end) !== span.text) { return; }
      if (!byNode.has(s.node)) { byNode.set(s.node, []); }
      byNode.get(s.node).push(local);
    });
    var wrapped = 0;
    byNode.forEach(function (items, node) {
      // Right to left, so splitting never moves the offsets still to be used.
      items.sort(function (a, b) { return b.start - a.start; });
      var lastStart = Infinity;
      items.forEach(function (item) {
        if (item.end > lastStart) { return; } // overlapping spans: keep the later-placed one
        var middle = node.splitText(item.start);
        middle.splitText(item.end - item.start);
        var el = document.createElement("span");
        el.className = "hg-term" + (item.span.is_acronym ? " hg-term--acronym" : "") +
          (item.span.senses && item.span.senses.length > 1 ? " hg-term--ambiguous" : "") +
          (item.span.match === "fuzzy" ? " hg-term--fuzzy" : "");
        el.tabIndex = 0;
        el.setAttribute("aria-describedby", TOOLTIP_ID);
        el.dataset.hgTerm = item.span.term_id || "";
        middle.parentNode.replaceChild(el, middle);
        el.appendChild(middle);
        termData.set(el, item.span);
        lastStart = item.start;
        wrapped += 1;
      });
    });
    return wrapped;
  }

  /** Repeated mentions carry no definition: borrow the first mention's, by concept id. */
  function fillRepeats(spans) {
    var firstById = {};
    return spans.map(function (span) {
      if (!span.repeat) {
        if (span.term_id) { firstById[span.term_id] = span; }
        return span;
      }
      var first = firstById[span.term_id];
      if (!first) { return span; }
      var copy = Object.assign({}, span);
      copy.definition = first.definition;
      copy.senses = first.senses;
      return copy;
    });
  }

  function unwrap(root) {
    root.querySelectorAll(".hg-term").forEach(function (el) {
      var parent = el.parentNode;
      while (el.firstChild) { parent.insertBefore(el.firstChild, el); }
      parent.removeChild(el);
      parent.normalize();
    });
  }

  function annotate(element, options) {
    options = options || {};
    if (!element) { return Promise.resolve(0); }
    var firstOnly = options.firstOnly !== undefined ? options.firstOnly
      : element.dataset.firstOnly !== undefined ? element.dataset.firstOnly === "true"
      : config.firstOnly;
    var familiarity = options.familiarity || element.dataset.familiarity || config.familiarity;
    var collected = collect(element);
    if (!collected.text.trim()) { return Promise.resolve(0); }
    element.setAttribute("aria-busy", "true");
    return postJSON("/api/annotate", {
      text: collected.text,
      format: "text",
      options: { first_only: firstOnly }
    }).then(function (result) {
      // The page may have changed while we waited: re-collect and re-verify against it.
      var fresh = collect(element);
      if (fresh.text !== collected.text) { return 0; }
      var spans = fillRepeats(result.spans || []);
      if (familiarity === "jargon") {
        spans = spans.filter(function (span) { return span.familiarity !== "everyday"; });
      }
      var count = wrapSpans(fresh, spans);
      element.dataset.hgState = "done";
      return count;
    }, function (error) {
      element.dataset.hgState = "error";
      warnOnce(error.message);
      return 0;
    }).then(function (count) {
      element.removeAttribute("aria-busy");
      return count;
    });
  }

  // ---------------------------------------------------------------------------------------
  // The shared tooltip (WCAG 1.4.13: hoverable, dismissible with Escape, persistent while
  // the pointer or focus is on the term or the tooltip).

  var tooltip = null;
  var current = null;
  var hideTimer = null;
  var dismissed = null;

  function make(tag, className, text) {
    var el = document.createElement(tag);
    if (className) { el.className = className; }
    if (text !== undefined && text !== null) { el.textContent = String(text); }
    return el;
  }

  function ensureTooltip() {
    if (tooltip) { return tooltip; }
    tooltip = make("div", "hg-tooltip");
    tooltip.id = TOOLTIP_ID;
    tooltip.setAttribute("role", "tooltip");
    tooltip.hidden = true;
    tooltip.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    tooltip.addEventListener("mouseleave", scheduleHide);
    document.body.appendChild(tooltip);
    return tooltip;
  }

  function fillTooltip(span) {
    var tip = ensureTooltip();
    tip.textContent = "";
    var head = make("div", "hg-tooltip__head");
    head.appendChild(make("span", "hg-tooltip__term", span.term || span.text));
    if (span.is_acronym && span.term && span.text && span.term.indexOf(span.text) === -1) {
      head.appendChild(make("span", "hg-tooltip__acronym", span.text));
    }
    if (span.category) { head.appendChild(make("span", "hg-tooltip__category", span.category)); }
    tip.appendChild(head);
    // A misspelling matched: say what it was read as before explaining it.
    if (span.match === "fuzzy" && span.did_you_mean) {
      tip.appendChild(make("p", "hg-tooltip__fuzzy", "Did you mean \u201c" + span.did_you_mean + "\u201d?"));
    }
    var senses = Array.isArray(span.senses) ? span.senses : [];
    if (span.definition) {
      tip.appendChild(make("p", "hg-tooltip__definition", span.definition));
    }
    if (senses.length > 1) {
      var note = make("p", "hg-tooltip__note", span.text + " can mean " + senses.length + " things:");
      tip.appendChild(note);
      var list = make("ol", "hg-tooltip__senses");
      senses.forEach(function (sense, index) {
        var item = make("li", index === 0 ? "hg-sense hg-sense--chosen" : "hg-sense");
        item.appendChild(make("span", "hg-sense__term", sense.term));
        if (index === 0) {
          item.appendChild(make("span", "hg-sense__badge", "likely here"));
        }
        if (sense.definition && index > 0) {
          item.appendChild(make("span", "hg-sense__definition", sense.definition));
        }
        if (index === 0 && sense.reason) {
          item.appendChild(make("span", "hg-sense__reason", sense.reason));
        }
        list.appendChild(item);
      });
      tip.appendChild(list);
    }
    if (span.source) {
      tip.appendChild(make("p", "hg-tooltip__source", "Source: " + span.source));
    }
  }

  function position(term) {
    var tip = tooltip;
    var rect = term.getBoundingClientRect();
    var gap = 8;
    tip.style.left = "0px";
    tip.style.top = "0px";
    var width = tip.offsetWidth;
    var height = tip.offsetHeight;
    var left = Math.min(Math.max(8, rect.left), window.innerWidth - width - 8);
    var top = rect.bottom + gap;
    var below = true;
    if (top + height > window.innerHeight - 8 && rect.top - gap - height > 8) {
      top = rect.top - gap - height;
      below = false;
    }
    tip.style.left = Math.round(Math.max(8, left)) + "px";
    tip.style.top = Math.round(top) + "px";
    tip.dataset.placement = below ? "below" : "above";
  }

  function show(term) {
    var span = termData.get(term);
    if (!span || dismissed === term) { return; }
    clearTimeout(hideTimer);
    if (current && current !== term) { current.classList.remove("hg-term--active"); }
    current = term;
    fillTooltip(span);
    tooltip.hidden = false;
    term.classList.add("hg-term--active");
    position(term);
  }

  function hide() {
    clearTimeout(hideTimer);
    if (tooltip) { tooltip.hidden = true; }
    if (current) { current.classList.remove("hg-term--active"); }
    current = null;
  }

  function scheduleHide() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(function () {
      // Stay open while the term has keyboard focus or the pointer is over the tooltip.
      if (current && document.activeElement === current && dismissed !== current) { return; }
      if (tooltip && tooltip.matches(":hover")) { return; }
      hide();
    }, HIDE_DELAY_MS);
  }

  function termOf(target) {
    return target && target.closest ? target.closest(".hg-term") : null;
  }

  document.addEventListener("mouseover", function (event) {
    var term = termOf(event.target);
    if (term) { show(term); }
  });
  document.addEventListener("mouseout", function (event) {
    var term = termOf(event.target);
    if (term && !term.contains(event.relatedTarget)) {
      if (dismissed === term) { dismissed = null; }
      scheduleHide();
    }
  });
  document.addEventListener("focusin", function (event) {
    var term = termOf(event.target);
    if (term) { dismissed = null; show(term); }
  });
  document.addEventListener("focusout", function (event) {
    if (termOf(event.target)) { scheduleHide(); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && tooltip && !tooltip.hidden) {
      dismissed = current;
      hide();
    }
  });
  window.addEventListener("scroll", function () { if (current) { position(current); } }, true);
  window.addEventListener("resize", function () { if (current) { position(current); } });

  // ---------------------------------------------------------------------------------------
  // Editor mode: a textarea or contenteditable plus a side panel. Requests are debounced and
  // stale answers dropped; the panel lists the terms found and the undefined acronyms, each
  // with a button that writes the expansion at first use while the caret stays where it was.

  function editorAdapter(editor) {
    if (editor.tagName === "TEXTAREA" || editor.tagName === "INPUT") {
      return {
        text: function () { return editor.value; },
        replace: function (start, end, replacement) {
          // "preserve" keeps the selection on the same characters (shifted past the insert).
          editor.setRangeText(replacement, start, end, "preserve");
        }
      };
    }
    // contenteditable: plain text of its text nodes; offsets map back through them.
    function nodes() {
      var list = [];
      var walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
      var n;
      while ((n = walker.nextNode())) { list.push(n); }
      return list;
    }
    function locate(offset) {
      var list = nodes();
      var pos = 0;
      for (var i = 0; i < list.length; i += 1) {
        var len = list[i].data.length;
        if (offset <= pos + len) { return { node: list[i], offset: offset - pos }; }
        pos += len;
      }
      return null;
    }
    function globalOffset(node, offset) {
      var list = nodes();
      var pos = 0;
      for (var i = 0; i < list.length; i += 1) {
        if (list[i] === node) { return pos + offset; }
        pos += list[i].data.length;
      }
      return null;
    }
    return {
      text: function () { return nodes().map(function (n) { return n.data; }).join(""); },
      replace: function (start, end, replacement) {
        var sel = window.getSelection();
        var caret = null;
        if (sel && sel.rangeCount && editor.contains(sel.anchorNode)) {
          caret = globalOffset(sel.anchorNode, sel.anchorOffset);
        }
        var at = locate(start);
        if (!at || at.node.data.length < at.offset + (end - start)) { return; }
        at.node.replaceData(at.offset, end - start, replacement);
        if (caret !== null) {
          var shifted = caret >= end ? caret + replacement.length - (end - start) : caret;
          var target = locate(shifted);
          if (target) { sel.collapse(target.node, target.offset); }
        }
      }
    };
  }

  function attachEditor(editor, panel) {
    var adapter = editorAdapter(editor);
    var timer = null;
    var controller = null;
    var generation = 0;

    panel.classList.add("hg-panel");
    panel.textContent = "";
    var status = make("p", "hg-panel__status", "Start typing to check for jargon.");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    var undefinedHead = make("h3", "hg-panel__heading", "Undefined acronyms");
    var undefinedList = make("ul", "hg-panel__list hg-panel__list--undefined");
    var termsHead = make("h3", "hg-panel__heading", "Terms found");
    var termsList = make("ul", "hg-panel__list hg-panel__list--terms");
    [status, undefinedHead, undefinedList, termsHead, termsList].forEach(function (el) {
      panel.appendChild(el);
    });

    function setStatus(text, state) {
      status.textContent = text;
      panel.dataset.state = state;
      panel.classList.toggle("hg-panel--error", state === "error");
      // Unavailable: one quiet line, no headings over lists that have nothing to show.
      [undefinedHead, undefinedList, termsHead, termsList].forEach(function (el) {
        el.hidden = state === "error";
      });
    }

    function renderTerms(spans) {
      termsList.textContent = "";
      var seen = {};
      spans.forEach(function (span) {
        var key = span.term_id || span.text;
        if (seen[key] || span.repeat) { return; }
        seen[key] = true;
        var item = make("li", "hg-panel__term");
        item.appendChild(make("span", "hg-panel__term-name",
          span.is_acronym && span.term ? span.text + " \u2014 " + span.term : (span.term || span.text)));
        if (span.match === "fuzzy" && span.did_you_mean) {
          item.appendChild(make("span", "hg-panel__term-fuzzy", "did you mean \u201c" + span.did_you_mean + "\u201d?"));
        }
        if (span.definition) { item.appendChild(make("span", "hg-panel__term-definition", span.definition)); }
        termsList.appendChild(item);
      });
      if (!termsList.childNodes.length) {
        termsList.appendChild(make("li", "hg-panel__empty", "No glossary terms yet."));
      }
    }

    function renderDiagnostics(diagnostics, text) {
      undefinedList.textContent = "";
      diagnostics.forEach(function (d) {
        var item = make("li", "hg-panel__diagnostic");
        item.appendChild(make("span", "hg-panel__acronym", d.acronym));
        var hint = make("span", "hg-panel__message", RULE_HINTS[d.rule] || d.message);
        hint.title = d.message || "";
        item.appendChild(hint);
        var written = d.text || d.acronym;
        var options = Array.isArray(d.replacements) ? d.replacements
          : d.replacement ? [d.replacement] : [];
        options.forEach(function (replacement) {
          var button = make("button", "hg-panel__insert", "Insert \u201c" + replacement + "\u201d");
          button.type = "button";
          button.addEventListener("click", function () {
            var current = adapter.text();
            // Only if the acronym is still where the server saw it; otherwise re-check first.
            if (current.slice(d.start_utf16, d.end_utf16) !== written) { schedule(0); return; }
            adapter.replace(d.start_utf16, d.end_utf16, replacement);
            editor.focus({ preventScroll: true });
            editor.dispatchEvent(new Event("input", { bubbles: true }));
          });
          item.appendChild(button);
        });
        undefinedList.appendChild(item);
      });
      if (!diagnostics.length) {
        undefinedList.appendChild(make("li", "hg-panel__empty",
          text.trim() ? "Every acronym is defined." : "Nothing to check yet."));
      }
    }

    function check() {
      var text = adapter.text();
      generation += 1;
      var mine = generation;
      if (controller) { controller.abort(); }
      controller = typeof AbortController === "function" ? new AbortController() : null;
      var signal = controller ? controller.signal : undefined;
      if (!text.trim()) {
        renderTerms([]);
        renderDiagnostics([], text);
        setStatus("Start typing to check for jargon.", "idle");
        return Promise.resolve();
      }
      setStatus("Checking\u2026", "busy");
      var body = { text: text, format: "text" };
      return Promise.all([
        postJSON("/api/annotate", body, signal),
        postJSON("/api/lint", body, signal)
      ]).then(function (results) {
        if (mine !== generation) { return; }
        renderTerms(fillRepeats(results[0].spans || []));
        renderDiagnostics(results[1].diagnostics || [], text);
        var n = (results[1].diagnostics || []).length;
        setStatus(n ? n + " acronym" + (n === 1 ? "" : "s") + " to define" : "All acronyms defined", "ok");
      }, function (error) {
        if (mine !== generation || (error && error.name === "AbortError")) { return; }
        warnOnce(error.message);
        setStatus("Glossary check unavailable right now. Your text is unaffected.", "error");
      });
    }

    function schedule(delay) {
      clearTimeout(timer);
      timer = setTimeout(check, delay === undefined ? DEBOUNCE_MS : delay);
    }

    function onInput() { schedule(); }
    editor.addEventListener("input", onInput);
    schedule(0);
    return {
      refresh: check,
      detach: function () {
        clearTimeout(timer);
        if (controller) { controller.abort(); }
        editor.removeEventListener("input", onInput);
      }
    };
  }

  function init() {
    if (!config.target) { return; }
    document.querySelectorAll(config.target).forEach(function (el) { annotate(el); });
  }

  window.HelpdeskGlossary = {
    version: "0.1.0",
    config: config,
    annotate: annotate,
    unwrap: unwrap,
    attachEditor: attachEditor,
    hide: hide
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
