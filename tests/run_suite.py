"""The whole suite as CI runs it: everything on SQLite, then the database and browser tests on PostgreSQL.

A PostgreSQL server or browser that is missing is reported as a skip; with CI=true it is a failure.
"""

import os
import re
import subprocess
import sys

from tests.databases import postgres_admin_url, postgres_answers

# The browser flows come last: Playwright's own event loop must not run under the async tests.
DATABASE_TESTS = [
    "tests/api", "tests/web", "tests/migrations", "tests/reliability", "tests/fuzz", "tests/contract", "tests/e2e",
]
ALL_TESTS = ["tests/domain", *DATABASE_TESTS]
# Tests of PostgreSQL itself (a cluster of their own stopped mid-stream): the PostgreSQL part only.
POSTGRES_ONLY = ["tests/crash"]
COUNT = re.compile(r"(\d+) (passed|failed|skipped|errors?)")


def run_pytest(label: str, paths: list[str], backend: str) -> tuple[int, dict[str, int]]:
    print(f"\n===== {label} =====", flush=True)
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *paths]
    process = subprocess.Popen(
        command, env={**os.environ, "TEST_BACKEND": backend}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    last_summary = ""
    assert process.stdout is not None
    for line in process.stdout:
        sys.stdout.write(line)
        if COUNT.search(line) and " in " in line:
            last_summary = line
    code = process.wait()
    counts = {"passed": 0, "failed": 0, "skipped": 0, "errors": 0}
    for number, kind in COUNT.findall(last_summary):
        counts["errors" if kind.startswith("error") else kind] += int(number)
    return code, counts


def main() -> int:
    ci = os.environ.get("CI") == "true"
    results: list[tuple[str, int, dict[str, int]]] = []
    code, counts = run_pytest("SQLite: the whole suite", ALL_TESTS, "sqlite")
    results.append(("SQLite", code, counts))
    why_not = postgres_answers()
    if why_not is None:
        code, counts = run_pytest(f"PostgreSQL ({postgres_admin_url()})", [*DATABASE_TESTS, *POSTGRES_ONLY],
                                  "postgresql")
        results.append(("PostgreSQL", code, counts))
    elif ci:
        print(f"\nPostgreSQL does not answer at {postgres_admin_url()} ({why_not}); CI=true forbids skipping.")
        results.append(("PostgreSQL", 1, {"passed": 0, "failed": 1, "skipped": 0, "errors": 0}))
    else:
        print(f"\nSKIPPED: PostgreSQL does not answer at {postgres_admin_url()} ({why_not}).")
    print("\n===== summary =====")
    for label, code, counts in results:
        print(f"{label}: {counts['passed']} passed, {counts['failed']} failed, {counts['skipped']} skipped, "
              f"{counts['errors']} errors (exit {code})")
    failed = sum(c["failed"] + c["errors"] for _, code, c in results) + sum(1 for _, code, c in results
                                                                             if code not in (0,) and not c["failed"])
    passed = sum(c["passed"] for _, _, c in results)
    skipped = sum(c["skipped"] for _, _, c in results)
    if ci and skipped:
        print(f"CI=true: {skipped} tests were skipped, which CI does not allow.")
        failed += skipped
    print(f"total: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
