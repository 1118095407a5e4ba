# openedx-vn — `make help` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c

VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
MANAGE := $(PY) manage.py
PORT ?= 8000
TUTOR_PLUGIN := tutor-plugins/tutor-openedx-vn
STAMP := $(VENV)/.installed
THEME_NPM := themes/node_modules/.installed
MYSQL_STAMP := $(VENV)/.mysql-installed
# This machine's pip configuration names local folders that may not exist; pip warns once per package.
QUIET_PIP := 2>&1 | { grep -v "is ignored: it is neither" || true; }

help: ## list the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(STAMP): requirements/dev.txt pyproject.toml $(TUTOR_PLUGIN)/pyproject.toml
	@python_bin=$$(scripts/find-python.sh) || exit 1; \
	  if [ ! -x $(PY) ]; then echo "Creating $(VENV) with $$python_bin"; "$$python_bin" -m venv $(VENV); fi
	$(PIP) install -q --upgrade "pip>=24" $(QUIET_PIP)
	$(PIP) install -q -r requirements/dev.txt $(QUIET_PIP)
	$(PIP) install -q --no-deps --no-build-isolation -e . -e $(TUTOR_PLUGIN) $(QUIET_PIP)
	@touch $@

venv: $(STAMP) ## create .venv with the pinned requirements and our packages (editable)

# The benchmarks run on MariaDB: its driver (mysqlclient builds against libmysqlclient, see system-packages).
$(MYSQL_STAMP): $(STAMP) requirements/mysql.txt
	$(PIP) install -q -r requirements/mysql.txt $(QUIET_PIP)
	@touch $@

dev: venv ## run the development host on http://127.0.0.1:$(PORT)/ (SQLite, demo data)
	@mkdir -p var
	$(MANAGE) setup_devhost
	@echo
	@echo "  openedx-vn development host"
	@echo "    Home page       http://127.0.0.1:$(PORT)/"
	@echo "    XBlocks         http://127.0.0.1:$(PORT)/workbench/"
	@echo "    Curriculum      http://127.0.0.1:$(PORT)/vn/curriculum/"
	@echo "    Question bank   http://127.0.0.1:$(PORT)/vn/qbank/"
	@echo "    Online teaching http://127.0.0.1:$(PORT)/vn/teaching/"
	@echo "    Tests           http://127.0.0.1:$(PORT)/vn/assessment/"
	@echo "    API docs        http://127.0.0.1:$(PORT)/api/docs/"
	@echo "    Admin           http://127.0.0.1:$(PORT)/admin/   (admin / admin)"
	@echo
	$(MANAGE) runserver 127.0.0.1:$(PORT)

system-packages: ## install the Debian packages the tests need (as root or with sudo; otherwise prints the command)
	@scripts/system-packages.sh

$(THEME_NPM): themes/package.json themes/package-lock.json
	npm ci --prefix themes --no-audit --no-fund --loglevel=error
	@touch $@

theme: $(THEME_NPM) ## build the Paragon design-token theme of the MFEs (npm) into core's static files
	npm run --prefix themes build

test: system-packages venv $(THEME_NPM) ## everything CI runs: lint, contracts, migrations check, tests (newest and platform versions)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	PYTHONPATH=config $(VENV)/bin/lint-imports
	$(MANAGE) makemigrations --check --dry-run
	PATH=$(abspath $(VENV))/bin:$$PATH scripts/run-tests.sh
	scripts/test-platform.sh

test-newest: venv ## only the newest-versions lane of make test (quicker while working)
	PATH=$(abspath $(VENV))/bin:$$PATH scripts/run-tests.sh

test-platform: venv ## only the platform lane: the wheel installed under an Open edX image's versions
	scripts/test-platform.sh

beat: venv ## a Celery worker with the beat schedule, as the Tutor deployment runs it (needs VN_REDIS_URL)
	cd config && VN_REDIS_URL=$${VN_REDIS_URL:?set VN_REDIS_URL, e.g. redis://127.0.0.1:6379/0} \
	  ../$(VENV)/bin/celery -A devhost worker --beat --loglevel=info

bench: $(MYSQL_STAMP) ## run the benchmarks under bench/ (record the figures in docs/benchmarks.md)
	@mkdir -p var
	PATH=$(abspath $(VENV))/bin:$$PATH $(PY) bench/run.py | tee var/bench-latest.md

bench-assess: $(MYSQL_STAMP) ## only the tests-and-attempts benchmarks: generation, 500-student autosave (MariaDB, gunicorn)
	@mkdir -p var
	PATH=$(abspath $(VENV))/bin:$$PATH $(PY) bench/run.py assessment | tee var/bench-assessment.md

bench-data: $(MYSQL_STAMP) ## build the share benchmark's province on MariaDB (630 schools, 1.5 M sessions; a few minutes)
	$(PY) bench/make_share_data.py --size $(or $(SIZE),1) $(if $(FORCE),--force)

format: venv ## apply ruff's fixes and formatting
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

upgrade: export CUSTOM_COMPILE_COMMAND := make upgrade
upgrade: venv ## re-pin requirements/*.txt from requirements/*.in
	cd requirements && for f in base dev mysql platform; do \
	  ../$(VENV)/bin/pip-compile -q --upgrade --allow-unsafe --strip-extras --no-emit-index-url \
	    --no-emit-find-links -o $$f.txt $$f.in || exit 1; done

clean: ## remove the virtualenv, the SQLite database and caches
	rm -rf $(VENV) .venv-platform var .pytest_cache .ruff_cache

.PHONY: help venv dev beat theme system-packages test test-newest test-platform bench bench-assess bench-data format upgrade clean
