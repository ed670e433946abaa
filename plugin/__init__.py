"""The help-desk plugin: a Flask service for annotations and the tooltip widget it serves.

    >>> from annotator.plugin import create_app
    >>> app = create_app({"HELPDESK_CORS_ORIGINS": ["https://desk.example.com"]})
"""

from __future__ import annotations

from collections.abc import Mapping

from flask import Flask


def create_app(config: Mapping | None = None) -> Flask:
    """Build the service. ``config`` overrides the defaults in :mod:`.config` and the environment.

    The annotation pipeline is built here, once per process (``HELPDESK_PIPELINE_LOADING="eager"``),
    so gunicorn's preloaded master shares it with every worker.
    """
    from annotator.resources import samples_dir

    from . import api, cors, discover, errors, openapi, service, web
    from .config import DEFAULTS, from_environ, validate
    from .jsonio import ServiceJSONProvider

    app = Flask(__name__, static_folder="static", static_url_path="/plugin")
    app.json = ServiceJSONProvider(app)
    app.config.update(DEFAULTS)
    app.config.update(from_environ())
    if config is not None:
        app.config.update(config)
    if not app.config["HELPDESK_SAMPLES_DIR"]:
        app.config["HELPDESK_SAMPLES_DIR"] = str(samples_dir() / "tickets")
    validate(app.config)
    # Flask reads MAX_CONTENT_LENGTH for Content-Length bodies; our body reader applies the same
    # limit to chunked ones.

    errors.init_app(app)
    cors.init_app(app)
    app.register_blueprint(api.bp)
    app.register_blueprint(discover.bp)
    app.register_blueprint(openapi.bp)
    app.register_blueprint(web.bp)
    service.init_app(app)
    return app
