"""Scenario results for people and for CI: the text report and JUnit XML (JSON: the
registered ``govshare-scenario-results/1`` document).

Formats, registered for :class:`~govshare.features.scenarios.ScenarioResult` (one scenario,
as the pytest plugin shows it) and :class:`~govshare.features.scenarios.ScenarioResults`
(a run, as ``govshare test`` prints it):

- ``text``: for each expectation that does not hold, where it is in ``expect``, what the
  file expects, what the rules give and the citation of the rule involved; in Chinese
  (default) the field names, ids and words come from the vocabulary, in English the paths
  are the file's own keys (``fired[0].due``);
- ``junit``: JUnit XML (:mod:`govshare.render.junit`), one test case per scenario.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from govshare._kernel.model import Label
from govshare._kernel.vocabulary import label, term
from govshare.features.scenarios import (
    Mismatch,
    ScenarioProblem,
    ScenarioResult,
    ScenarioResults,
)
from govshare.profiles import RULE_KEYS
from govshare.render.json import json_type
from govshare.render.junit import JUnitCase, junit_xml
from govshare.render.registry import RenderOptions, renderer
from govshare.render.text import pad, width_of

__all__ = [
    "field_name",
    "field_path",
    "mismatch_lines",
    "outcome_tag",
    "problem_text",
    "result_heading",
    "result_report",
    "results_junit",
    "results_summary",
    "results_text",
]

_SEGMENT = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _word(id_: str, lang: str, **values: object) -> str:
    text = label("word", id_, lang)
    return text.format(**values) if values else text


def field_name(name: str, lang: str) -> str:
    """An expectation's key as the reader's language calls it (English: the key itself)."""
    if lang == "en":
        return name
    found = term("word", f"expect_{name}")
    return name if found is None else found.pick(lang)


def field_path(path: str, lang: str) -> str:
    """A mismatch's path: ``fired[0].due`` in English, ``已届满的期限·第1项·到期日`` in
    Chinese."""
    if lang == "en":
        return path
    parts: list[str] = []
    for name, index in _SEGMENT.findall(path):
        if index:
            parts.append(_word("scenario_item", lang, n=int(index) + 1, i=index))
        else:
            parts.append(field_name(name, lang))
    return "·".join(parts)


def _id_label(name: str, value: str) -> Label | None:
    """The vocabulary's Label of an id compared at a field called ``name``."""
    if name == "rule":
        key = RULE_KEYS.get(value)
        return None if key is None else Label(zh=key.zh, en=key.en)
    found = {
        "actor": lambda: term("actor", value),
        "on_timeout": lambda: term("timeout_outcome", value),
        "kind": lambda: term("duty_outcome", value) or term("word", f"violation_{value}"),
        "role": lambda: term("actor", value) or term("word", f"reviewer_{value}"),
        "path": lambda: term("word", f"access_path_{value}"),
    }.get(name)
    return None if found is None else found()


def _value(value: Any, lang: str, name: str = "", known: Label | None = None) -> str:
    """A compared value: ids labelled (Chinese), dates and texts as they are."""
    if known is not None:
        return known.pick(lang)
    if value is None or isinstance(value, bool):
        word = {None: "scenario_null", True: "scenario_true", False: "scenario_false"}[value]
        return _word(word, lang)
    if isinstance(value, Mapping):
        items = (f"{field_name(str(k), lang)}: {_value(v, lang, str(k))}" for k, v in value.items())
        return "{" + ", ".join(items) + "}"
    if isinstance(value, list | tuple):
        sep = _word("scenario_list_separator", lang)
        return "[" + sep.join(_value(v, lang) for v in value) + "]"
    found = _id_label(name, value) if isinstance(value, str) and lang != "en" else None
    return str(value) if found is None else found.pick(lang)


def _sides(m: Mismatch, lang: str) -> tuple[str, str]:
    last = _SEGMENT.findall(m.path)[-1][0] if m.path else ""
    expected = _value(m.expected, lang, last, m.expected_label)
    actual = _value(m.actual, lang, last, m.actual_label)
    if m.kind == "missing":
        actual = _word("scenario_none", lang)
    elif m.kind == "extra":
        expected = _word("scenario_none", lang)
    elif m.kind == "unexpected_error":
        expected = _word("scenario_no_error", lang)
    elif m.kind == "no_error":
        actual = _word("scenario_no_error", lang)
    return expected, actual


def mismatch_lines(m: Mismatch, lang: str) -> list[str]:
    """One mismatch: its path, then expected, actual and the citation with its words."""
    words = [_word(w, lang) + ":" for w in ("scenario_expected", "scenario_actual")]
    cite = _word("scenario_citation", lang) + ":"
    width = max(width_of(w) for w in [*words, cite])
    expected, actual = _sides(m, lang)
    out = [
        field_path(m.path, lang),
        f"  {pad(words[0], width)} {expected}",
        f"  {pad(words[1], width)} {actual}",
    ]
    if m.citation is not None:
        quote = f"「{m.citation.quote}」" if m.citation.quote else ""
        out.append(f"  {pad(cite, width)} {m.citation.short}{quote}")
    return out


def problem_text(r: ScenarioResult, p: ScenarioProblem, lang: str) -> str:
    """Why a scenario (or a file) could not run, naming file and line."""
    scenario = r.scenario
    if p.kind == "invalid_file":
        head = _word("scenario_invalid_file", lang)
        return "\n".join([f"{head}:", *(str(i) for i in p.issues)])
    if p.kind == "no_process":
        known = ", ".join(p.known) or _word("scenario_no_processes", lang)
        text = _word(
            "scenario_problem_no_process",
            lang,
            scenario=scenario,
            profile=r.profile or "",
            subject=p.subject or "",
            known=known,
        )
    else:
        text = _word(
            f"scenario_problem_{p.kind}",
            lang,
            scenario=scenario,
            subject=p.subject or "",
            error=p.error or "",
            detail=p.detail or "",
        )
    return f"{p.where}: {text}"


def result_report(r: ScenarioResult, lang: str) -> str:
    """What went wrong, one line per item (empty for a pass)."""
    out: list[str] = []
    if r.problem is not None:
        out.append(problem_text(r, r.problem, lang))
    for m in r.mismatches:
        out.extend(mismatch_lines(m, lang))
    return "\n".join(out)


def result_heading(r: ScenarioResult, lang: str) -> str:
    """``场景不符`` / ``scenario failed`` (or could not run), with file:line and the name."""
    head = "scenario_heading_error" if r.outcome == "error" else "scenario_heading_fail"
    return f"{_word(head, lang)}: {r.where} {r.scenario}"


@renderer(ScenarioResult, "text")
def _result_text(r: ScenarioResult, options: RenderOptions) -> str:
    return result_report(r, options.lang)


def outcome_tag(outcome: str, lang: str) -> str:
    """``PASS`` / ``通过``, padded to one width so the file names line up."""
    return pad(_word(f"scenario_{outcome}", lang), 5)


def results_summary(results: ScenarioResults, lang: str) -> str:
    """``通过 1，失败 2，错误 0`` / ``1 passed, 2 failed, 0 errors``."""
    c = results.counts
    error = "scenario_count_error_one" if c["error"] == 1 else "scenario_count_error"
    parts = [
        _word("scenario_count_pass", lang, n=c["pass"]),
        _word("scenario_count_fail", lang, n=c["fail"]),
        _word(error, lang, n=c["error"]),
    ]
    return _word("scenario_count_separator", lang).join(parts)


@renderer(ScenarioResults, "text")
def results_text(results: ScenarioResults, options: RenderOptions) -> str:
    """One line per scenario (tag, file:line, name), the details of each failure indented
    below it, then the counts."""
    lang = options.lang
    lines: list[str] = []
    for r in results.results:
        lines.append(f"{outcome_tag(r.outcome, lang)} {r.where}  {r.scenario}")
        if not r.passed:
            lines.extend(f"    {line}" for line in result_report(r, lang).splitlines())
    lines.append(results_summary(results, lang))
    return "\n".join(lines)


def _case(r: ScenarioResult, lang: str) -> JUnitCase:
    details = result_report(r, lang)
    if r.mismatches:
        paths = ", ".join(field_path(m.path, lang) for m in r.mismatches)
        message = _word("scenario_junit_mismatches", lang, n=len(r.mismatches), paths=paths)
    else:
        message = details.splitlines()[0] if details else r.outcome
    if r.problem is not None and r.problem.kind == "invalid_file" and r.problem.issues:
        message = str(r.problem.issues[0])
    return JUnitCase(
        name=r.scenario,
        classname=r.file,
        failure=message if r.outcome == "fail" else None,
        error=message if r.outcome == "error" else None,
        details=details,
        seconds=r.seconds,
    )


@renderer(ScenarioResults, "junit")
def results_junit(results: ScenarioResults, options: RenderOptions) -> str:
    """A JUnit XML report: one test case per scenario, the file as its ``classname``."""
    return junit_xml("govshare scenarios", [_case(r, options.lang) for r in results.results])


# -- JSON: the one registered shape of each result type ---------------------------------

json_type("scenario-results", 1)(ScenarioResults)
