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
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._notification_ids: set[str] = set()

    def _handle_notification(self, method_name: str, params: Any) -> None:
        before = set(self._request_futures)  # the outstanding requests: a handful at most
        super()._handle_notification(method_name, params)
        self._notification_ids.update(self._request_futures.keys() - before)
        self._forget_done()

    def _forget_done(self) -> None:
        # Not from a done-callback: ``shutdown`` cancels futures while iterating over them.
        for msg_id in list(self._notification_ids):
            future = self._request_futures.get(msg_id)
            if future is None or future.done():
                self._request_futures.pop(msg_id, None)
                self._notification_ids.discard(msg_id)
