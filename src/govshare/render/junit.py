"""JUnit XML reports, the format CI systems (GitLab, Jenkins, GitHub actions) read.

One writer for every command that reports pass/fail items (``govshare test``,
``govshare check``), built with the standard library's ElementTree so escaping is right.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from govshare.render.text import xml_safe

__all__ = ["JUnitCase", "junit_xml"]


@dataclass(frozen=True)
class JUnitCase:
    """One test case: passed unless it has a failure, an error or a skip reason.

    Attributes:
        name: the case's name (a scenario name, a clause id).
        classname: the group it belongs to (a file, a standard).
        failure: the failure message (expected versus actual), if it failed.
        error: the error message, if it could not run.
        skipped: why it was not judged (e.g. no evidence), if skipped.
        details: longer text shown with the failure, error or skip.
        seconds: how long it took.
    """

    name: str
    classname: str
    failure: str | None = None
    error: str | None = None
    skipped: str | None = None
    details: str = ""
    seconds: float = 0.0


def junit_xml(
    suite: str, cases: Sequence[JUnitCase], properties: Mapping[str, str] | None = None
) -> str:
    """A JUnit XML document with one ``<testsuite>`` holding ``cases``.

    Args:
        suite: the test suite's name.
        cases: the cases, in report order.
        properties: name/value pairs for the suite's ``<properties>`` (e.g. the standard's
            status), in order.

    Returns:
        The XML text, with an XML declaration, UTF-8.
    """
    root = ET.Element("testsuites")
    node = ET.SubElement(
        root,
        "testsuite",
        name=suite,
        tests=str(len(cases)),
        failures=str(sum(c.failure is not None for c in cases)),
        errors=str(sum(c.error is not None for c in cases)),
        skipped=str(sum(c.skipped is not None for c in cases)),
        time=f"{sum(c.seconds for c in cases):.3f}",
    )
    if properties:
        props = ET.SubElement(node, "properties")
        for name, value in properties.items():
            ET.SubElement(props, "property", name=name, value=value)
    for case in cases:
        el = ET.SubElement(
            node, "testcase", name=case.name, classname=case.classname, time=f"{case.seconds:.3f}"
        )
        for tag, message in (
            ("failure", case.failure),
            ("error", case.error),
            ("skipped", case.skipped),
        ):
            if message is not None:
                child = ET.SubElement(el, tag, message=message)
                child.text = case.details or message
    ET.indent(root)
    return xml_safe(ET.tostring(root, encoding="unicode", xml_declaration=True)) + "\n"
