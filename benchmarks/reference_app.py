"""The service with two reference routes, for the benchmark's service section only.

``/api/annotate`` costs a request's parsing, the tokenizer, then the glossary stage (matching,
definitions, the JSON export and its larger answer). To show which part the 0.5x target is
about, the benchmark runs this app, the service's own plus two routes, under the same gunicorn
settings as ``helpdesk-annotator serve``, and compares them with the same no-op ``/healthz``:

* ``POST /bench/echo``: the request read and validated exactly as ``/api/annotate`` reads it,
  answered with the text's length;
* ``POST /bench/tokenize``: the same, then the pipeline's own tokenizer on the visible text,
  in a memory zone and with the same vocabulary upkeep as ``annotate()``, answered with the
  token count.

``serve`` never registers these routes. Run as ``python -m benchmarks.reference_app
PORT``: gunicorn runs in that process, so its PID is the master's.
"""

from __future__ import annotations

import sys

from flask import Blueprint, Flask, jsonify

from annotator.plugin import create_app
from annotator.plugin.api import read_document
from annotator.plugin.service import get_service

ECHO_PATH = "/bench/echo"
TOKENIZE_PATH = "/bench/tokenize"


def create_reference_app() -> Flask:
    app = create_app()
    routes = Blueprint("bench_reference", __name__)

    def read_text() -> str:
        return read_document()[0]

    @routes.post(ECHO_PATH)
    def echo():
        return jsonify(length=len(read_text()))

    @routes.post(TOKENIZE_PATH)
    def tokenize():
        service = get_service()
        service.load()
        # One request at a time per process (sync workers), as AnnotatorService.annotate's lock
        # makes it for /api/annotate.
        return jsonify(tokens=service.session.count_tokens(read_text()))

    app.register_blueprint(routes)
    return app


def main(argv: list[str] | None = None) -> None:
    from annotator.plugin.server import ServiceApplication, gunicorn_options

    port = int((argv if argv is not None else sys.argv[1:])[0])
    app = create_reference_app()
    ServiceApplication(lambda: app, gunicorn_options(port=port)).run()


if __name__ == "__main__":
    main()
