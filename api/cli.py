"""The command line: ``python -m api [serve|keys|import|migrate|prune|openapi]``.

``python -m api`` alone (or with serve's options only) serves on 127.0.0.1:8000;
``python -m api --help`` lists every command.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from sqlalchemy import Engine

from api.services import keys
from api.settings import get_settings
from api.store.engine import make_engine
from api.store.migrate import (
    LegacySchemaMismatch,
    SchemaTooNew,
    current_revision,
    head_revision,
    upgrade,
)


def _engine() -> Engine:
    settings = get_settings()
    engine = make_engine(settings.database_url)
    upgrade(engine)
    return engine


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    uvicorn.run(
        "api.app:app_factory",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level="info",
        # The app logs each request itself, by route template (never a user id).
        access_log=False,
    )
    return 0


def _keys_create(args: argparse.Namespace) -> int:
    engine = _engine()
    print(keys.create_key(engine, client_name=args.name))
    return 0


def _keys_list(_: argparse.Namespace) -> int:
    rows = keys.list_keys(_engine())
    print(f"{'id':>4}  {'client':<24} {'prefix':<12} {'created':<20} revoked")
    for k in rows:
        revoked = k.revoked_at.strftime("%Y-%m-%d %H:%M") if k.revoked_at else "-"
        created = k.created_at.strftime("%Y-%m-%d %H:%M")
        print(f"{k.id:>4}  {k.client:<24} {k.prefix:<12} {created:<20} {revoked}")
    return 0


def _keys_revoke(args: argparse.Namespace) -> int:
    if not keys.revoke_key(_engine(), key_id=args.id):
        print(f"no active key with id {args.id}", file=sys.stderr)
        return 1
    print(f"revoked key {args.id}")
    return 0


def _import(args: argparse.Namespace) -> int:
    from food_data.importer import import_foods

    report = import_foods(_engine(), force=args.force, log=lambda m: print(m, file=sys.stderr))
    state = "imported" if report.imported else "already up to date:"
    print(f"{state} {report.foods} foods in {report.seconds:.1f} s")
    return 0


def _prune(_: argparse.Namespace) -> int:
    from datetime import timedelta

    from api.services.prune import prune_answers

    hours = get_settings().idempotency_ttl_hours
    removed = prune_answers(_engine(), max_age=timedelta(hours=hours))
    print(f"removed {removed} idempotent answers older than {hours} h")
    return 0


def _migrate(args: argparse.Namespace) -> int:
    engine = make_engine(get_settings().database_url)
    try:
        if args.status:
            current = current_revision(engine) or "none (empty, or made before migrations)"
            print(f"database at {current}; this release's head is {head_revision()}")
            return 0
        print(upgrade(engine).summary())
        return 0
    finally:
        engine.dispose()


def _openapi(_: argparse.Namespace) -> int:
    import json

    from api.app import create_app
    from api.settings import Settings

    # The document depends on the routes only; no database is opened.
    document = create_app(Settings(database_url="sqlite://")).openapi()
    print(json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True))
    return 0


def parser() -> argparse.ArgumentParser:
    """The argument parser (also used by the tests)."""
    p = argparse.ArgumentParser(
        prog="python -m api",
        description="crampfood service. With no command (or only serve's options), serve.",
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    serve = sub.add_parser("serve", help="serve the HTTP API (the default)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.set_defaults(func=_serve)

    keys = sub.add_parser("keys", help="manage API keys")
    keys_sub = keys.add_subparsers(dest="keys_command", required=True)
    create = keys_sub.add_parser("create", help="create a key for a client; prints the key")
    create.add_argument("name", help="client app name")
    create.set_defaults(func=_keys_create)
    keys_sub.add_parser("list", help="list keys (never the keys themselves)").set_defaults(
        func=_keys_list
    )
    revoke = keys_sub.add_parser("revoke", help="revoke a key by id")
    revoke.add_argument("id", type=int)
    revoke.set_defaults(func=_keys_revoke)

    imp = sub.add_parser("import", help="import the shipped USDA data (idempotent)")
    imp.add_argument("--force", action="store_true", help="re-import even if up to date")
    imp.set_defaults(func=_import)
    sub.add_parser(
        "prune", help="delete idempotent answers past CRAMPFOOD_IDEMPOTENCY_TTL_HOURS"
    ).set_defaults(func=_prune)
    migrate = sub.add_parser(
        "migrate", help="apply pending schema migrations (start-up also does this)"
    )
    migrate.add_argument(
        "--status", action="store_true", help="show the database's revision, change nothing"
    )
    migrate.set_defaults(func=_migrate)
    sub.add_parser(
        "openapi", help="print the OpenAPI document (python -m api openapi > docs/openapi.json)"
    ).set_defaults(func=_openapi)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; with no command, serve."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0].startswith("--") and argv[0] != "--help"):
        argv = ["serve", *argv]
    args = parser().parse_args(argv)
    try:
        return int(args.func(args))
    except (SchemaTooNew, LegacySchemaMismatch) as exc:
        print(f"crampfood: {exc}", file=sys.stderr)
        return 1
