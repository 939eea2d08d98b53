"""``junit``: JUnit XML, for CI test-report views (GitLab ``artifacts:reports:junit``, Jenkins, Azure).

One ``<testsuite>`` per checked file (name and ``classname`` = the path). Each finding is a failing
``<testcase>`` named ``RULE at LINE:COL`` whose ``<failure>`` carries the message (``message``), the level
(``type``) and a ``PATH:LINE:COL: level: message [RULE]`` line; columns are code points, as in the text output.
A file without findings has one passing test case, ``copydesk check``. A file that could not be checked has a
test case with an ``<error>``; run-level errors form a last suite named ``copydesk``. Every finding counts as a
failure here, whatever the fail level. Text is escaped as in the ``checkstyle`` format.
"""

from __future__ import annotations

from ..diagnostics import sort_key
from ._columns import artifact_path, span_of
from .checkstyle import xml_attr, xml_text

CLEAN_CASE = "copydesk check"


def _suite(name: str, cases: list[str], failures: int, errors: int) -> list[str]:
    head = (
        f'  <testsuite name={xml_attr(name)} tests="{len(cases)}" failures="{failures}"'
        f' errors="{errors}" skipped="0">'
    )
    return [head, *cases, "  </testsuite>"]


def render(report, options) -> str:
    body: list[str] = []
    totals = [0, 0, 0]  # tests, failures, errors
    for fr in report.files:
        path = artifact_path(fr.path)
        cases = []
        failures = errors = 0
        for error in fr.errors:
            errors += 1
            cases.append(
                f"    <testcase classname={xml_attr(path)} name={xml_attr('copydesk.file-error')} file={xml_attr(path)}>"
                f'<error message={xml_attr(error)} type="file-error">{xml_text(error)}</error></testcase>'
            )
        for d in sorted(fr.diagnostics, key=sort_key):
            failures += 1
            span = span_of(d)
            where = f"{span.line}:{span.column}"
            detail = f"{path}:{where}: {d.severity}: {d.message} [{d.rule}]"
            cases.append(
                f"    <testcase classname={xml_attr(path)} name={xml_attr(f'{d.rule} at {where}')}"
                f' file={xml_attr(path)} line="{span.line}">'
                f"<failure message={xml_attr(d.message)} type={xml_attr(d.severity)}>{xml_text(detail)}</failure>"
                "</testcase>"
            )
        if not cases:
            cases.append(
                f'    <testcase classname={xml_attr(path)} name="{CLEAN_CASE}" file={xml_attr(path)}/>'
            )
        body += _suite(path, cases, failures, errors)
        totals[0] += len(cases)
        totals[1] += failures
        totals[2] += errors
    if report.errors:
        cases = [
            f'    <testcase classname="copydesk" name={xml_attr("copydesk.run-error")}>'
            f'<error message={xml_attr(e)} type="run-error">{xml_text(e)}</error></testcase>'
            for e in report.errors
        ]
        body += _suite("copydesk", cases, 0, len(cases))
        totals[0] += len(cases)
        totals[2] += len(cases)
    head = f'<testsuites name="copydesk" tests="{totals[0]}" failures="{totals[1]}" errors="{totals[2]}">'
    return "\n".join(['<?xml version="1.0" encoding="UTF-8"?>', head, *body, "</testsuites>"]) + "\n"
