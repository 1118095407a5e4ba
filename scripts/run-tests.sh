#!/usr/bin/env bash
# The test part of `make test`: pytest on SQLite, then on MariaDB with a real Celery worker on Redis.
# Environment: VN_DB_HOST/VN_DB_PORT/VN_DB_USER/VN_DB_PASSWORD/VN_DB_NAME and VN_REDIS_URL to point elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."

DB_HOST=${VN_DB_HOST:-127.0.0.1}
DB_PORT=${VN_DB_PORT:-3306}
REDIS_URL=${VN_REDIS_URL:-redis://127.0.0.1:6379/0}
# The platform lane (scripts/test-platform.sh) narrows the run: extra pytest arguments and an extra marker filter.
read -r -a EXTRA_ARGS <<< "${VN_PYTEST_ARGS:-}"
mark() { if [ -n "${VN_PYTEST_MARK_EXTRA:-}" ]; then echo "($1) and ($VN_PYTEST_MARK_EXTRA)"; else echo "$1"; fi; }

reachable() {  # host port
    python - "$1" "$2" <<'PY'
import socket, sys
try:
    socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=2).close()
except OSError:
    sys.exit(1)
PY
}
redis_host_port() {
    python -c 'import sys; from urllib.parse import urlsplit; u = urlsplit(sys.argv[1]); print(u.hostname or "127.0.0.1", u.port or 6379)' "$REDIS_URL"
}

echo "== pytest on SQLite"
env -u VN_DB_ENGINE -u VN_REDIS_URL pytest -m "$(mark "not celery_worker and not redis")" "${EXTRA_ARGS[@]}"

if reachable "$DB_HOST" "$DB_PORT" && reachable $(redis_host_port); then
    if ! python -c "import MySQLdb" 2>/dev/null; then
        echo "== installing the MySQL driver (requirements/mysql.txt)"
        python -m pip install -q -r requirements/mysql.txt 2>&1 | { grep -v "is ignored: it is neither" || true; } || {
            echo "mysqlclient did not build: install its headers, e.g. apt-get install default-libmysqlclient-dev pkg-config" >&2
            exit 1
        }
    fi
    echo "== pytest on MariaDB/MySQL at $DB_HOST:$DB_PORT, Celery worker on $REDIS_URL"
    VN_DB_ENGINE=mysql VN_DB_HOST=$DB_HOST VN_DB_PORT=$DB_PORT VN_REDIS_URL=$REDIS_URL \
        pytest -m "$(mark "django_db or celery_worker or redis")" "${EXTRA_ARGS[@]}"
elif [ "${CI:-}" = "true" ]; then
    echo "CI: MariaDB ($DB_HOST:$DB_PORT) and Redis ($REDIS_URL) must be reachable; see .ci/run" >&2
    exit 1
else
    echo "== MariaDB ($DB_HOST:$DB_PORT) or Redis ($REDIS_URL) not reachable: database and worker tests ran on SQLite only"
fi
