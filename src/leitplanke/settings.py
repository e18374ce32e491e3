"""Settings of the web application, read from `LEITPLANKE_*` environment variables."""

import secrets
from collections.abc import Callable
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

SECRET_FILE = "secret-key"
SIGNING_KEY_FILE = "signing-key.pem"

Maker = Callable[[], bytes]


class Settings(BaseSettings):
    """Where the data lives, which database serves it, how sessions and logins behave.

    Without `database_url`, the app keeps an SQLite file in `data_dir`; without `secret_key`, it
    creates one there on first start (readable by the owner only).
    """

    model_config = SettingsConfigDict(env_prefix="LEITPLANKE_", extra="ignore")

    data_dir: Path = Field(default=Path("var"), description="Folder for the SQLite file and keys.")
    database_url: str | None = Field(
        default=None, description="SQLAlchemy URL, e.g. postgresql+psycopg://user:pw@host/db."
    )
    secret_key: SecretStr | None = Field(default=None, description="Key for CSRF tokens.")
    migrate_on_start: bool = Field(default=True, description="Upgrade the schema on start.")
    session_hours: int = Field(default=8, ge=1, le=24 * 7)
    cookie_secure: bool | None = Field(
        default=None, description="Secure cookies; by default when the base URL is https."
    )
    login_failures_per_account: int = Field(default=5, ge=1)
    login_failures_per_address: int = Field(default=20, ge=1)
    login_window_minutes: int = Field(default=15, ge=1)
    oidc_issuer: str | None = Field(default=None, description="OpenID Connect issuer URL.")
    oidc_client_id: str | None = None
    oidc_client_secret: SecretStr | None = None
    oidc_label: str = Field(default="Anmelden mit dem Dienstkonto", description="Button text.")
    oidc_default_role: str = Field(
        default="staff", description="Role of an account made at its first OpenID Connect login."
    )
    scan_workers: int = Field(
        default=1, ge=1, le=8, description="Threads that run the scans started in the web app."
    )

    @property
    def resolved_database_url(self) -> str:
        """The database URL: the configured one, or the SQLite file in `data_dir`."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'leitplanke.sqlite3').resolve()}"

    @property
    def oidc_enabled(self) -> bool:
        """OpenID Connect login is configured."""
        return bool(self.oidc_issuer and self.oidc_client_id)

    def secret(self) -> bytes:
        """The secret key: the configured one, or the one kept in `data_dir` (made once)."""
        if self.secret_key is not None:
            return self.secret_key.get_secret_value().encode()
        return owner_only_file(self.data_dir / SECRET_FILE, lambda: secrets.token_hex(32).encode())

    @property
    def signing_key_path(self) -> Path:
        """Where the Ed25519 key that signs decision records is kept."""
        return self.data_dir / SIGNING_KEY_FILE


def owner_only_file(path: Path, make: Maker) -> bytes:
    """The content of `path`; if it does not exist, first written with `make()`, mode 0600."""
    if path.exists():
        return path.read_bytes().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    content = make()
    temporary = path.with_suffix(".tmp")
    temporary.touch(mode=0o600)
    temporary.write_bytes(content)
    temporary.replace(path)
    return content
