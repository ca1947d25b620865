# umbrella — two commands: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test fuzz bench bench-serve check docs clean posterior screenshots

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	$(BIN)/python -m umbrella.dynamics.kernel
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/umbrella lab --out out

test: $(STAMP)
	$(BIN)/python -m pytest -q -n 2

# the fuzzers at length: random (not the fixed samples `make test` runs), 1500 inputs per loader,
# 600 requests per API operation (schemathesis)
fuzz: $(STAMP)
	UMBRELLA_FUZZ=long $(BIN)/python -m pytest tests/fuzz tests/api/test_api_schemathesis.py -q -n 2

# the cold start of `umbrella run` first (its own JSON line), then the engine (the last line is its JSON)
bench: $(STAMP)
	$(BIN)/python -m pip install -q -e '.[test,bench]'
	$(BIN)/python benchmarks/cold_start.py
	$(BIN)/python benchmarks/ensemble.py

# the server under 16 loopback clients for 30 s (it starts and stops the server itself)
bench-serve: $(STAMP)
	$(BIN)/python benchmarks/serve_load.py

check: $(STAMP)
	$(BIN)/umbrella data check
	$(PYTHON) ../shared/tools/check_sources.py .
	$(PYTHON) ../shared/tools/check_contract.py .

docs:
	$(PYTHON) docs/assemble.py

# the report (out/report.html, from `make run`) in Chromium, English and Chinese, into docs/screenshots/
screenshots: $(STAMP)
	$(BIN)/python docs/screenshots/take.py --report out/report.html --out docs/screenshots

# developers: refit the committed posterior (calibration/northeast-asia.{json,npz}) after a change of the
# model, the observed series or the events (about 10-20 minutes on two cores)
posterior: $(STAMP)
	$(BIN)/umbrella calibrate --leave-one-out --write-committed

clean:
	rm -rf $(VENV) out
