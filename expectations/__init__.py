"""Great Expectations suites for the raw tables (one per catalog source) and their validation."""

from expectations.validate import (
    FailedExpectation,
    SuiteError,
    ValidationReport,
    load_suite,
    validate,
)

__all__ = ["FailedExpectation", "SuiteError", "ValidationReport", "load_suite", "validate"]
