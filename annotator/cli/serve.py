"""``helpdesk-annotator serve``: the annotation service and its demo page."""

from __future__ import annotations

import click

from ..errors import ConfigError
from ..glossary.formats import format_names
from ._errors import EXIT_USAGE, handle_errors


@click.command(name="serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Worker processes (default: one per CPU plus one, at most 9).")
@click.option("--threads", type=click.IntRange(1, 64), default=None,
              help="Threads per worker (default: 1, sync workers; more: gthread workers, keep-alive).")
@click.option("--timeout", type=click.IntRange(1, 3600), default=30, show_default=True,
              help="Seconds before a stuck worker is killed and replaced.")
@click.option("--max-requests", type=click.IntRange(0, 10**7), default=None,
              help="Recycle a worker after this many requests (0: never; default: 50,000).")
@click.option("--glossary", "glossaries", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help=f"Extra glossary file ({format_names()}); repeatable.")
@click.option("--cors-origin", "cors_origins", multiple=True,
              help="Origin allowed to call the API from a browser, e.g. https://desk.example.com; repeatable.")
@click.option("--health-port", type=click.IntRange(0, 65535), default=None,
              help="Also answer /healthz (liveness) and /readyz (readiness: 503 while every worker "
                   "is busy) on this port, from the gunicorn master, so they answer while the "
                   "workers are busy (0: any free port).")
@click.option("--access-log", is_flag=True,
              help="Log every request (method, path, status, time) to standard output.")
@click.option("--dev", is_flag=True, help="Flask's development server (auto-reload, one process).")
@handle_errors
def command(host, port, workers, threads, timeout, max_requests, glossaries, cors_origins, health_port,
            access_log, dev):
    """Serve the annotation API, the tooltip widget and a demo page.

    \b
    Examples:
      helpdesk-annotator serve                     http://127.0.0.1:8000/
      helpdesk-annotator serve --glossary ours.csv --workers 2
      helpdesk-annotator serve --port 0 --health-port 8081
      helpdesk-annotator serve --dev
    """
    config = {}
    if glossaries:
        config["HELPDESK_GLOSSARY_PATHS"] = list(glossaries)
    if cors_origins:
        config["HELPDESK_CORS_ORIGINS"] = list(cors_origins)

    shown_host = "127.0.0.1" if host in ("0.0.0.0", "") else host
    shown_host = f"[{shown_host}]" if ":" in shown_host else shown_host

    if dev:
        app = _create_app(config)
        click.echo(f"Demo page: http://{shown_host}:{port}/  (Flask development server; drop --dev for production)")
        app.run(host=host, port=port, debug=False, use_reloader=False, threaded=True)
        return

    from annotator.plugin.health import HealthMonitor
    from annotator.plugin.server import ServiceApplication, gunicorn_options

    # The ports first (a port in use is said at once), then the app, before forking, so a
    # broken glossary fails the command with a clear message (exit 2) instead of crash-looping
    # workers.
    listener = _listen(host, port, "--port")
    port = listener.getsockname()[1]  # the real one, for --port 0
    monitor = None
    if health_port is not None:
        monitor = HealthMonitor(_listen(host, health_port, "--health-port"), slots=128)
    app = _create_app(config)
    # None: the server's defaults (plugin.server.DEFAULT_THREADS, DEFAULT_MAX_REQUESTS).
    given = {name: value for name, value in (("threads", threads), ("max_requests", max_requests))
             if value is not None}
    options = gunicorn_options(host=host, port=port, bind=f"fd://{listener.detach()}", workers=workers,
                               timeout=timeout, access_log=access_log, **given)
    info = app.extensions["helpdesk_annotator"].glossary_info
    shape = (f"{options['workers']} sync workers" if options["threads"] == 1
             else f"{options['workers']} workers x {options['threads']} threads")
    click.echo(
        f"Demo page: http://{shown_host}:{port}/  (gunicorn, {shape}, "
        f"glossary {info.get('version', '?')}, {info.get('concepts', '?')} concepts)"
    )
    if monitor is not None:
        options.update(monitor.hooks())
        click.echo(f"Health checks: http://{shown_host}:{monitor.listener.getsockname()[1]}/healthz and /readyz")
    ServiceApplication(lambda: app, options).run()


def _create_app(config: dict):
    """The service's app, built with the cyclic garbage collector off and then frozen
    (:func:`~annotator.runtime.collector.kept_for_life`): what it builds (spaCy's and Flask's
    modules, the glossary, the pipeline and what it warms) lives as long as the process and is
    shared with the workers gunicorn forks next."""
    from ..runtime import collector

    with collector.kept_for_life():
        from annotator.plugin import create_app

        return create_app(config)


def _listen(host: str, port: int, option: str):
    """Bind ``host:port`` now, or say which port to try instead and exit 2."""
    from annotator.plugin.server import bind_listener, free_port_after

    try:
        return bind_listener(host, port)
    except ConfigError as exc:
        if exc.code != "E620":
            raise
        spare = free_port_after(host, port)
        hint = ""
        if spare is not None:
            hint = f"; try {option} {spare}" + (f" (or make demo PORT={spare})" if option == "--port" else "")
        click.echo(f"error: [E620] {exc.message}{hint}", err=True)
        raise SystemExit(EXIT_USAGE) from None
