# praktikmesse: `make demo` runs a demo fair on http://localhost:8000, `make test` runs every test.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/praktikmesse
TEST_ENV := SECRET_KEY=tests-only-not-secret SECURE_SSL_REDIRECT=0 DJANGO_ALLOW_ASYNC_UNSAFE=true
SYSTEM_PACKAGES := chromium fonts-dejavu-core poppler-utils zbar-tools gettext gir1.2-ical-3.0 python3-gi ffmpeg

.PHONY: demo test test-sqlite test-postgres system-deps postgres lint messages bench clean

$(VENV)/.runtime: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e .
	touch $@

$(VENV)/.test: $(VENV)/.runtime pyproject.toml
	$(VENV)/bin/pip install --quiet -e ".[test]"
	touch $@

# Links in e-mails point at the port the demo runs on (make demo PORT=8080).
DEMO_ENV := DEBUG=1 FAIR_BASE_URL=http://localhost:$(PORT)

demo: $(VENV)/.runtime
	DEBUG=1 $(PY) manage.py migrate --noinput
	$(DEMO_ENV) EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend $(PY) manage.py seed_demo --reset
	@echo "The demo's e-mails (calendar invites) are in sent-mail/; log-in links appear below."
	$(DEMO_ENV) $(PY) manage.py runserver $(PORT)

# Debian packages the tests read their output with (a browser, PDF and QR and calendar readers).
system-deps:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing: $$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start
	@for i in 1 2 3 4 5 6 7 8 9 10; do pg_isready -q -h 127.0.0.1 -p 5432 && exit 0; sleep 1; done; exit 1

test: test-sqlite test-postgres

test-sqlite: $(VENV)/.test system-deps
	$(TEST_ENV) $(PY) -m pytest

test-postgres: $(VENV)/.test system-deps postgres
	$(TEST_ENV) DATABASE_URL=$(PG_URL) $(PY) -m pytest

lint: $(VENV)/.test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

messages: $(VENV)/.test
	DEBUG=1 $(PY) manage.py makemessages -l da --no-location -i "bench/*" -i "tests/*" -i "staticfiles/*" -i "tools/*"
	DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv

bench: $(VENV)/.test
	$(PY) bench/scheduler.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
