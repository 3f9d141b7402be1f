# Redline: `make help` lists the verbs.
UV ?= uv
PYTEST_ARGS ?=
SYNC_ARGS ?=
# The interpreter: Debian's CPython where there is one. It is built with profile-guided and
# link-time optimisation, as the python:3.11 image the Dockerfile deploys on is, and runs the
# engine about 15% faster than a plain source build (pyenv's default); set UV_PYTHON to
# choose another.
ifeq ($(origin UV_PYTHON),undefined)
ifneq ($(wildcard /usr/bin/python3.11),)
export UV_PYTHON := /usr/bin/python3.11
endif
endif
SWAGGER_UI := 5.35.0
SWAGGER_DIR := static/vendor/swagger-ui-$(SWAGGER_UI)

.PHONY: help install run test test-full bench lint fmt vendor

help: ## list the verbs
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

install: ## install the locked dependencies into .venv
	$(UV) sync --frozen $(SYNC_ARGS)

run: install ## serve the app on http://127.0.0.1:8000 (SQLite under ./data, demo story loaded)
	$(UV) run redline serve

test: install ## run the test suite (REDLINE_TEST_DATABASE_URL picks PostgreSQL)
	$(UV) run pytest -n 2 $(PYTEST_ARGS)

test-full: install ## the test suite with every XSS payload and more hypothesis examples
	REDLINE_TEST_FULL=1 $(UV) run pytest -n 2 $(PYTEST_ARGS)

bench: install ## engine, HTTP, batch and hostile-input benchmarks, printed as tables
	$(UV) run python -m benchmarks

lint: install ## ruff, mypy and the import contracts
	$(UV) run ruff check .
	$(UV) run ruff format --check .
	$(UV) run mypy
	$(UV) run lint-imports

fmt: install ## format and auto-fix
	$(UV) run ruff format .
	$(UV) run ruff check --fix .

vendor: ## fetch Swagger UI for /docs (npm swagger-ui-dist at SWAGGER_UI) into static/vendor/
	rm -rf $(SWAGGER_DIR) && mkdir -p $(SWAGGER_DIR)
	tmp="$$(mktemp -d)" && cd "$$tmp" && npm pack --silent swagger-ui-dist@$(SWAGGER_UI) >/dev/null \
	  && tar xzf swagger-ui-dist-$(SWAGGER_UI).tgz && cd package \
	  && cp LICENSE NOTICE swagger-ui-bundle.js swagger-ui-bundle.js.LICENSE.txt swagger-ui.css \
	     "$(CURDIR)/$(SWAGGER_DIR)/" && rm -rf "$$tmp"
