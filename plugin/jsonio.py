"""JSON responses encoded by orjson, with the standard library as the fallback.

Encoding a 150-word ticket's annotations (about 12 KB) took 64 us with ``json.dumps`` and takes
8 us with orjson: a tenth of the service's per-request CPU. The output is the same
JSON (same keys in the same order, compact), except that non-ASCII text is sent as UTF-8
rather than as ``\\u`` escapes, which every JSON parser reads the same. Anything orjson refuses
(a lone surrogate echoed back in an error, a type it does not know) goes through Flask's
default provider, whose ``ensure_ascii`` output is valid JSON for any Python string.
"""

from __future__ import annotations

from typing import Any

import orjson
from flask.json.provider import DefaultJSONProvider


class ServiceJSONProvider(DefaultJSONProvider):
    sort_keys = False  # responses keep the library's key order (spans read top-down)

    def response(self, *args: Any, **kwargs: Any):
        if self.compact is False or (self.compact is None and self._app.debug):
            return super().response(*args, **kwargs)  # indented, for people reading it
        obj = self._prepare_response_obj(args, kwargs)
        try:
            body = orjson.dumps(obj, option=orjson.OPT_APPEND_NEWLINE)
        except TypeError:
            return super().response(*args, **kwargs)
        return self._app.response_class(body, mimetype=self.mimetype)
