"""A JSON reader that remembers where every string literal sits in the raw document.

``json.loads`` gives values without positions, and a turn's text must be found at its raw
offsets. :func:`parse` returns plain Python values except that every string *value* is a
:class:`RawString`: the decoded ``str`` plus ``start``/``end`` (the raw offsets of the
literal's content, between the quotes) and its escape sequences as ``(start, end, decoded)``
raw ranges. Object keys are plain ``str``. The reader is iterative (deep nesting is a coded
error, not a ``RecursionError``) and tokenizes with one regular expression, so it is linear.
"""

from __future__ import annotations

import re

from ....errors import InputError

#: Nesting deeper than this is refused: no transcript shape is nested beyond a few levels.
MAX_DEPTH = 512

_TOKEN = re.compile(
    r'[ \t\r\n]*+(?:"(?P<body>[^"\\\x00-\x1f]*+(?:\\.[^"\\\x00-\x1f]*+)*+)"'
    r"|(?P<punct>[{}\[\]:,])"
    r"|(?P<number>-?(?:0|[1-9]\d*+)(?:\.\d++)?(?:[eE][+-]?\d++)?)"
    r"|(?P<literal>true|false|null))",
    re.DOTALL,
)
_SPACE = re.compile(r"[ \t\r\n]*+")
_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|(.))", re.DOTALL)
_SIMPLE = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_LITERALS = {"true": True, "false": False, "null": None}


class RawString(str):
    """A decoded JSON string that knows the raw range of its content and its escapes."""

    start: int
    end: int
    escapes: tuple[tuple[int, int, str], ...]


def _fail(offset: int, detail: str) -> InputError:
    return InputError("E207", field="text", offset=offset, detail=detail)


def _decode(text: str, start: int, end: int) -> RawString:
    body = text[start:end]
    escapes: list[tuple[int, int, str]] = []
    if "\\" in body:
        parts, cursor = [], 0
        matches = list(_ESCAPE.finditer(body))
        skip = False
        for number, escape in enumerate(matches):
            if skip:
                skip = False
                continue
            parts.append(body[cursor : escape.start()])
            stop = escape.end()
            if escape[1] is not None:
                code = int(escape[1], 16)
                following = matches[number + 1] if number + 1 < len(matches) else None
                if 0xD800 <= code < 0xDC00 and following is not None and following.start() == stop \
                        and following[1] is not None and 0xDC00 <= int(following[1], 16) < 0xE000:
                    code = 0x10000 + ((code - 0xD800) << 10) + (int(following[1], 16) - 0xDC00)
                    stop, skip = following.end(), True
                char = "\ufffd" if 0xD800 <= code < 0xE000 else chr(code)
            elif escape[2] in _SIMPLE:
                char = _SIMPLE[escape[2]]
            else:
                raise _fail(start + escape.start(), f"invalid escape \\{escape[2]}")
            parts.append(char)
            escapes.append((start + escape.start(), start + stop, char))
            cursor = stop
        parts.append(body[cursor:])
        body = "".join(parts)
    value = RawString(body)
    value.start, value.end, value.escapes = start, end, tuple(escapes)
    return value


def parse(text: str) -> object:
    """The JSON value of ``text``; raises :class:`InputError` ``E207`` with the offset of the
    first problem (not JSON, trailing data, nesting beyond :data:`MAX_DEPTH`)."""
    # The state says what may come next: "value", "value]" (a value or "]"), "key}" (a key or
    # "}"), "key", ":", ",end" (a comma or the container's end) and "eof".
    stack: list[list] = []  # [container, key of the member being read]
    position, length, want = 0, len(text), "value"
    result: object = None
    while True:
        match = _TOKEN.match(text, position)
        if match is None:
            end = _SPACE.match(text, position).end()
            if want == "eof" and end == length:
                return result
            raise _fail(end, "the document ends too early" if end == length
                        else "data after the end of the document" if want == "eof"
                        else "unexpected character")
        kind = match.lastgroup
        at, token = match.start(kind), match[kind]
        # Structure is read from punctuation tokens only: a string may hold "[" or "}" too.
        punct = token if kind == "punct" else None
        position = match.end()
        if want == "eof":
            raise _fail(at, "data after the end of the document")
        if want in ("key", "key}"):
            if punct == "}" and want == "key}":
                value = stack.pop()[0]
            elif kind == "body":
                stack[-1][1] = str(_decode(text, at, match.end(kind)))
                want = ":"
                continue
            else:
                raise _fail(at, "an object key (a string) was expected")
        elif want == ":":
            if punct != ":":
                raise _fail(at, "':' was expected")
            want = "value"
            continue
        elif want == ",end":
            container = stack[-1][0]
            if punct == ",":
                want = "key" if isinstance(container, dict) else "value"
                continue
            if punct != ("}" if isinstance(container, dict) else "]"):
                raise _fail(at, "',' or the end of the container was expected")
            value = stack.pop()[0]
        elif punct == "]" and want == "value]":
            value = stack.pop()[0]
        elif punct in ("{", "["):
            if len(stack) >= MAX_DEPTH:
                raise _fail(at, f"nested deeper than {MAX_DEPTH} levels")
            stack.append([{} if token == "{" else [], None])
            want = "key}" if token == "{" else "value]"
            continue
        elif kind == "body":
            value = _decode(text, at, match.end(kind))
        elif kind == "number":
            value = float(token) if any(c in token for c in ".eE") else int(token)
        elif kind == "literal":
            value = _LITERALS[token]
        else:
            raise _fail(at, f"unexpected {token!r}")
        # A value is complete: place it in its container, or end the document.
        if not stack:
            result, want = value, "eof"
            continue
        container, key = stack[-1]
        if isinstance(container, dict):
            container[key] = value
        else:
            container.append(value)
        want = ",end"
