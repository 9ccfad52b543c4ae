.PHONY: setup demo test lint bench
setup:
	bash scripts/setup.sh
demo:
	bash scripts/demo.sh
test:
	bash scripts/test.sh
lint:
	bash scripts/lint.sh
bench:
	bash scripts/setup.sh && .venv/bin/python bench/run.py
