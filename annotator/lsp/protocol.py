"""The JSON-RPC protocol object, with one leak of pygls 2.1 plugged.

pygls runs its built-in ``didOpen``/``didChange``/``didClose`` handlers as generators, and files
the future of each such notification in ``_request_futures`` under a fresh random id that
nothing ever removes: one future per keystroke, kept for the life of the server. Here every
future a notification adds is removed once it is done, so memory stays flat however long an
editing session lasts.
"""

from __future__ import annotations

from typing import Any

from pygls.protocol import LanguageServerProtocol


class Protocol(LanguageServerProtocol):
    def _handle_notification(self, method_name: str, params: Any) -> None:
        before = set(self._request_futures)  # the outstanding requests: a handful at most
        super()._handle_notification(method_name, params)
        for msg_id in self._request_futures.keys() - before:
            future = self._request_futures[msg_id]
            future.add_done_callback(lambda _, key=msg_id: self._request_futures.pop(key, None))
