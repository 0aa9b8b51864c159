"""PostgreSQL as a shared database: reaching the server (with Swedish reasons when it cannot be
reached), one writing transaction at a time, and a consistent snapshot for each reading one.

The password never travels through here as text we print: URLs are shown with the password hidden,
and the normal place for it is the PostgreSQL password file (~/.pgpass) or PGPASSWORD.
"""
from __future__ import annotations

import logging
import re

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from app.domain.problem import Refused

log = logging.getLogger(__name__)

# One advisory lock per database, held by every writing transaction until it ends. It gives
# PostgreSQL the same order SQLite gets from BEGIN IMMEDIATE: writers queue, each sees what the one
# before it committed, and the audit hash chain and the change counter are appended in one order.
WRITE_LOCK_KEY = 0x426F7374  # "Bost"
WRITE_LOCK_TIMEOUT = "30s"
CONNECT_TIMEOUT_S = 10

BUSY_MESSAGE = (
    "Databasen är upptagen av en annan användares ändring. Ingenting sparades – försök igen om en stund."
)
PASSWORD_HELP = (
    "Lägg lösenordet i PostgreSQL:s lösenordsfil (~/.pgpass, i Windows %APPDATA%\\postgresql\\pgpass.conf) "
    "eller i miljövariabeln PGPASSWORD – aldrig i databasadressen eller i inställningarna."
)


def is_server(url: sa.URL) -> bool:
    return url.get_backend_name() != "sqlite"


def shown(url: sa.URL) -> str:
    """The URL as it may be printed or logged: the password is always replaced by ***."""
    return url.render_as_string(hide_password=True)


def normalise(url: sa.URL) -> sa.URL:
    """`postgresql://` and `postgres://` mean psycopg 3, the driver the program ships with."""
    if url.drivername in ("postgresql", "postgres"):
        return url.set(drivername="postgresql+psycopg")
    return url


def check_supported(url: sa.URL) -> None:
    if url.get_backend_name() != "postgresql":
        raise Refused(
            f"Databastypen ”{url.get_backend_name()}” stöds inte. Ange en SQLite-fil eller en PostgreSQL-adress "
            "som postgresql+psycopg://användare@server/databas."
        )
    if not url.database:
        raise Refused(f"Databasadressen {shown(url)} saknar databasens namn (…/databas på slutet).")


def create_engine(url: sa.URL) -> Engine:
    check_supported(url)
    return sa.create_engine(
        url,
        pool_pre_ping=True,  # a GUI left open overnight gets a fresh connection instead of an error
        hide_parameters=True,  # no personal data (or anything else) from bound values in messages
        isolation_level="READ COMMITTED",
        connect_args={"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "bostadsinkasso"},
    )


def unreachable_message(url: sa.URL, error: BaseException) -> str:
    """Why the server could not be used, in Swedish, naming host and database but never the password."""
    reason = str(getattr(error, "orig", error))
    host = f"{url.host or 'localhost'}{f':{url.port}' if url.port else ''}"
    if re.search(r'database ".*" does not exist|databasen ".*" existerar inte', reason):
        return (
            f"Databasen ”{url.database}” finns inte på servern {host}. Be den som sköter servern att skapa den "
            f"(till exempel ”createdb -O {url.username or 'användare'} {url.database}”) och försök igen."
        )
    if re.search(r"password|lösenord|fe_sendauth|authentication|autentisering", reason, re.IGNORECASE):
        return f"Servern {host} godtog inte inloggningen för användaren ”{url.username or ''}”. {PASSWORD_HELP}"
    if re.search(r'role ".*" does not exist|rollen ".*" existerar inte', reason):
        return f"Användaren ”{url.username or ''}” finns inte på servern {host}. Be den som sköter servern att lägga upp den."
    if re.search(r"resolve host|translate host name|Name or service not known", reason, re.IGNORECASE):
        return f"Servern ”{url.host}” hittades inte. Kontrollera namnet i databasadressen {shown(url)}."
    return (
        f"Det gick inte att ansluta till databasservern {host} ({shown(url)}). Kontrollera att servern är igång "
        "och nåbar härifrån, eller fråga den som sköter den."
    )


def has_schema(url: sa.URL) -> bool:
    """True when the server database holds the program's tables; Refused when it cannot be reached."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return sa.inspect(connection).has_table("alembic_version")
    except sa.exc.OperationalError as error:
        log.warning("database server not reachable: %s", shown(url))
        raise Refused(unreachable_message(url, error)) from None  # no chained text: it may echo the address
    finally:
        engine.dispose()


def lock_for_writing(session: Session) -> None:
    """Wait for the write lock (PostgreSQL). SQLite already took it with BEGIN IMMEDIATE."""
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        return
    connection.exec_driver_sql(f"SET LOCAL lock_timeout = '{WRITE_LOCK_TIMEOUT}'")
    connection.execute(sa.select(sa.func.pg_advisory_xact_lock(WRITE_LOCK_KEY)))


def lock_connection_for_writing(connection: sa.Connection) -> None:
    """The same lock for code that works on a Connection (migrations)."""
    if connection.dialect.name == "postgresql":
        connection.execute(sa.select(sa.func.pg_advisory_xact_lock(WRITE_LOCK_KEY)))


def busy_message(error: BaseException) -> str | None:
    """The Swedish message for 'someone else holds the database', or None for any other error."""
    code = getattr(getattr(error, "orig", None), "sqlstate", None)
    if code in ("55P03", "40P01", "40001"):  # lock_not_available, deadlock_detected, serialization_failure
        return BUSY_MESSAGE
    if "database is locked" in str(getattr(error, "orig", error)):  # SQLite after busy_timeout
        return BUSY_MESSAGE
    return None


def not_allowed_message(url: sa.URL, error: BaseException) -> str | None:
    """Swedish for 'the login may not create the program's tables here', or None for other errors."""
    code = getattr(getattr(error, "orig", None), "sqlstate", None)
    if code not in ("42501", "25006"):  # insufficient_privilege, read_only_sql_transaction
        return None
    return (
        f"Användaren ”{url.username or ''}” får inte skapa eller ändra programmets tabeller i databasen "
        f"”{url.database}”. Be den som sköter servern att göra användaren till ägare av databasen "
        f"(ALTER DATABASE {url.database} OWNER TO {url.username or 'användare'}) och försök igen."
    )


def connection_lost_message(error: BaseException) -> str | None:
    if isinstance(error, sa.exc.DBAPIError) and error.connection_invalidated:
        return "Förbindelsen med databasservern bröts. Ingenting sparades – försök igen."
    return None
