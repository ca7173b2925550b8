"""Fault-injection tests: bad inputs (the catalogue in catalogue.py) and faults in operation."""
