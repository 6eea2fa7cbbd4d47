"""Extension objects, created unbound and attached to the app in ``create_app``."""

from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_migrate import Migrate
from flask_wtf import CSRFProtect

from surveys.db import db

babel = Babel()
migrate = Migrate()
csrf = CSRFProtect()
# Storage is chosen in create_app: Redis when REDIS_URL is set (shared by every worker),
# otherwise memory (counts per process).
limiter = Limiter(key_func=get_remote_address, default_limits=[])

__all__ = ["babel", "csrf", "db", "limiter", "migrate"]
