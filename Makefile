# Huaben: the two commands are `make run` and `make test`. Both install what
# is missing first (scripts/setup.sh).

CARGO ?= cargo
export CARGO_TERM_COLOR ?= never

.PHONY: setup ui run build test test-core e2e bench bindings clean

setup:
	@scripts/setup.sh

ui: setup
	cd ui && npm run build

# Run the app (release build) on the default storage root
# (~/.local/share/io.huaben.desktop/storage), or STORAGE=/some/dir.
run: ui
	$(CARGO) run --release -p huaben -- $(if $(STORAGE),--storage "$(STORAGE)",)

build: ui
	$(CARGO) build -p huaben

# Every test: core (schema, store, protocol, kill safety), shell (bindings
# freshness), and end to end against the real window under Xvfb.
test: ui
	$(CARGO) build -p huaben --features e2e
	$(CARGO) test --workspace --features huaben/e2e -- --test-threads=2

bench: setup
	$(CARGO) run --release -p huaben-core --bin huaben-cli -- bench --out target/bench/report.json

# Regenerate ui/src/bindings.ts from the Rust commands and events.
bindings:
	UPDATE_BINDINGS=1 $(CARGO) test -p huaben --lib bindings_are_fresh

clean:
	$(CARGO) clean
	rm -rf ui/dist ui/node_modules
