"""The `faults` marker: `pytest -m faults` runs the fault-injection suite alone."""


def pytest_configure(config):
    config.addinivalue_line("markers", "faults: fault-injection tests (bad inputs, faults in use)")
