"""Load data/*.yaml safely, validate it against the model, and report every problem at once.

A problem is one line: ``data/deals.yaml:42: deal 'nvidia-loi': value.amount: must not be negative``.
Nothing here raises anything but DataError, so callers never show a traceback.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ValidationError

from . import model

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_STRING_CHARS = 8000
MAX_NODES = 200_000
MAX_DEPTH = 24

# Characters that can make stored text read differently from how it displays
# (bidirectional overrides, embeddings, isolates, marks) or hide in text unseen.
FORBIDDEN_CHARS = {
    **{chr(c): "a bidirectional control character" for c in range(0x202A, 0x202F)},
    **{chr(c): "a bidirectional isolate character" for c in range(0x2066, 0x206A)},
    "\u200e": "a left-to-right mark",
    "\u200f": "a right-to-left mark",
    "\u061c": "an Arabic letter mark",
    "\u200b": "a zero-width space",
    "\u2060": "a word joiner",
    "\ufeff": "a zero-width no-break space (BOM)",
    "\u00ad": "a soft hyphen",
}

# file name -> (model, what one entry is called in messages); None = single mapping
LIST_FILES: dict[str, tuple[type[BaseModel], str]] = {
    "companies": (model.Company, "company"),
    "people": (model.Person, "person"),
    "sources": (model.Source, "source"),
    "glossary": (model.GlossaryTerm, "term"),
    "deals": (model.Deal, "deal"),
    "figures": (model.Figure, "figure"),
    "quotes": (model.Quote, "quote"),
    "events": (model.Event, "event"),
}
MAPPING_FILES: dict[str, type[BaseModel]] = {
    "site": model.Site, "labels": model.Labels, "source-policy": model.SourcePolicy,
}


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    entry: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        parts = [where]
        if self.entry:
            parts.append(self.entry)
        if self.field:
            parts.append(self.field)
        parts.append(self.message)
        return _one_line(": ".join(parts))


def _one_line(text: str) -> str:
    """Show line breaks, tabs and invisible characters typed in keys or values as escapes
    (\\n, \\u200f), so a problem is always one readable line."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


class DataError(Exception):
    """Raised with every problem found; str() is one line per problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


# ---------------------------------------------------------------------------
# YAML reading with line numbers and safety limits


class _SafeLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """PyYAML's safe loader (libyaml's fast parser where installed), except that an
    impossible date (2025-13-06) stays text so validation can report it, instead of
    PyYAML raising ValueError."""

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


_SafeLoader.add_constructor("tag:yaml.org,2002:timestamp", _SafeLoader.construct_yaml_timestamp)


class _Reader:
    def __init__(self, rel: str, text: str, noun: str | None = None):
        self.rel = rel
        self.text = text
        self.noun = noun  # what one entry of a list file is called, e.g. "deal"
        self.lines: dict[tuple, int] = {}
        self.entry_ids: dict[int, str] = {}
        self.problems: list[Problem] = []

    def problem(self, line: int | None, message: str, path: tuple = ()) -> None:
        entry = None
        if self.noun and path and isinstance(path[0], int):
            index, path = path[0], path[1:]
            entry = f"{self.noun} '{self.entry_ids[index]}'" if index in self.entry_ids else f"{self.noun} #{index + 1}"
        self.problems.append(Problem(self.rel, line, entry, _dotted(path) or None, message))

    def read(self) -> Any:
        cut = _comment_in_text(self.text)
        if cut:  # YAML would drop the rest of the text silently, as a comment
            self.problem(cut, "a ' #' inside a text starts a YAML comment, and the rest of the text would be "
                              "dropped: put the whole text in quotes")
            return None
        trap = _comma_in_braces(self.text)
        if trap:  # YAML would read "1,000" inside {…} as two keys: say so once, plainly
            line, number, field, entry = trap
            where = f"{self.noun} '{entry}': " if entry and self.noun else ""
            where += f"{field}: " if field else ""
            if re.fullmatch(r"\d{1,3}(?:,\d{3})+", number):
                fix = f"write it without commas ({number.replace(',', '')}) or in words (e.g. 22.4 billion)"
            else:  # "10,5": a decimal comma
                fix = f"write decimals with a point ({number.replace(',', '.')})"
            self.problem(line, f"{where}the number {number} is written with a comma inside {{…}}, which splits it "
                               f"in two; {fix}")
            return None
        loader = None
        try:
            # The constructor already scans the text for characters YAML forbids
            # (ReaderError), so it belongs inside the try.
            loader = _SafeLoader(self.text)
            node = loader.get_single_node()
            if node is None:
                return None
            if not self._check(node):
                return None
            return loader.construct_document(node)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else None
            if "quoted scalar" in (exc.context or "") and exc.context_mark:  # never closed at all
                self.problem(exc.context_mark.line + 1, "YAML syntax error: a quote opened on this line is never "
                                                        "closed; close it on the same line")
            elif opened := _unclosed_quote(self.text, line):  # YAML stumbles where the quote closes, far below
                start, end = opened
                self.problem(start, f"YAML syntax error: a quote opened on this line is only closed on line {end}; "
                                    "close it on the same line (a long text goes after >- on lines of its own)")
            else:
                self.problem(line, _syntax_hint(self.text, line, exc.problem or ""))
            return None
        except yaml.reader.ReaderError as exc:  # a character YAML does not allow at all
            line = self.text.count("\n", 0, exc.position) + 1
            code = f" (U+{exc.character:04X})" if isinstance(exc.character, int) else ""
            self.problem(line, f"contains a character YAML does not allow{code}; remove it")
            return None
        except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError) as exc:
            detail = " ".join(f"{type(exc).__name__}: {exc}".split())  # one line, always
            self.problem(None, f"could not read the YAML ({detail})")
            return None
        finally:
            if loader is not None:
                loader.dispose()

    def _check(self, root: yaml.Node) -> bool:
        """Walk the node graph: record lines, refuse aliases, duplicates, odd characters."""
        if isinstance(root, yaml.SequenceNode):  # entry ids first, to name entries in messages
            for index, child in enumerate(root.value):
                if isinstance(child, yaml.MappingNode):
                    for key, value in child.value:
                        if getattr(key, "value", None) == "id" and isinstance(value, yaml.ScalarNode):
                            self.entry_ids[index] = value.value
        seen: set[int] = set()
        count = 0
        ok = True
        stack: list[tuple[yaml.Node, tuple, int]] = [(root, (), 0)]
        while stack:
            node, path, depth = stack.pop()
            line = node.start_mark.line + 1
            if id(node) in seen:
                self.problem(line, "YAML anchors and aliases (& and *) are not allowed; write the value out", path)
                return False
            seen.add(id(node))
            count += 1
            if count > MAX_NODES:
                self.problem(line, f"file has more than {MAX_NODES} values; split it or shorten it")
                return False
            if depth > MAX_DEPTH:
                self.problem(line, f"nested deeper than {MAX_DEPTH} levels", path)
                return False
            self.lines.setdefault(path, line)
            if isinstance(node, yaml.ScalarNode):
                if not self._check_scalar(node.value, line, path):
                    ok = False
            elif isinstance(node, yaml.SequenceNode):
                for index, child in enumerate(node.value):
                    stack.append((child, path + (index,), depth + 1))
            elif isinstance(node, yaml.MappingNode):
                keys: dict[str, int] = {}
                for key_node, value_node in node.value:
                    key_line = key_node.start_mark.line + 1
                    if key_node.tag == "tag:yaml.org,2002:merge":
                        self.problem(key_line, "YAML merge keys (<<) are not allowed", path)
                        ok = False
                        continue
                    key = key_node.value if isinstance(key_node, yaml.ScalarNode) else "?"
                    if key in keys:
                        self.problem(key_line, f"is given twice (first on line {keys[key]})", path + (key,))
                        ok = False
                    keys[key] = key_line
                    self.lines[path + (key,)] = key_line
                    stack.append((value_node, path + (key,), depth + 1))
        return ok

    def _check_scalar(self, value: str, line: int, path: tuple) -> bool:
        if len(value) > MAX_STRING_CHARS:
            self.problem(line, f"text is {len(value)} characters long; the limit is {MAX_STRING_CHARS}", path)
            return False
        for char in value:
            if char in FORBIDDEN_CHARS:
                self.problem(
                    line,
                    f"contains {FORBIDDEN_CHARS[char]} (U+{ord(char):04X}); remove it",
                    path,
                )
                return False
            if unicodedata.category(char) == "Cc" and char not in "\n\t":
                self.problem(line, f"contains a control character (U+{ord(char):04X}); remove it", path)
                return False
        return True


_COMMA_NUMBER = re.compile(r"\{[^{}\n]*?(?<![\w.])(\d+(?:,\d+)+)(?![\w])[^{}\n]*\}")


def _comma_in_braces(text: str) -> tuple[int, str, str | None, str | None] | None:
    """The first line with a number such as 1,000 inside a {…} mapping: its line, the number,
    the field that holds the mapping and the id of the entry above it."""
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        code = line.split(" #", 1)[0]
        match = _COMMA_NUMBER.search(code)
        if not match:
            continue
        inside = code[: match.start(1)].split("{")[-1]
        if '"' in inside or "'" in inside:
            continue
        field = re.search(r"([A-Za-z_][\w-]*):\s*\{[^{]*$", code[: match.start(1)])
        entry = next((m.group(1) for l in reversed(lines[:number]) if (m := re.match(r"-\s+id:\s*([\w-]+)", l))), None)
        return number, match.group(1), field.group(1) if field else None, entry
    return None


def _unclosed_quote(text: str, before: int | None) -> tuple[int, int] | None:
    """The first quoted text that runs over several lines, up to the line YAML stopped at: its
    first and last line. The data writes long texts after >-, so a quote spanning lines is a
    quote left open, which YAML reports only where the next quote mark happens to close it."""
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if before and token.start_mark.line + 1 > before:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'") \
                    and token.end_mark.line > token.start_mark.line:
                return token.start_mark.line + 1, token.end_mark.line + 1
    except yaml.YAMLError:
        pass
    return None


def _misaligned(above: list[str], indent: int, before: int, previous: str) -> bool:
    """Whether a line's indentation fits no entry above it: deeper than the line above other
    than by the two spaces that open a field ending in ':' or a list item, or back out to a
    depth no enclosing line has."""
    if indent > before:
        opens = previous.rstrip().endswith(":") or previous.lstrip().startswith("- ")
        return not (opens and indent == before + 2)  # the data indents by two spaces a level
    if indent < before:
        for line in reversed(above):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            depth = len(line) - len(line.lstrip(" "))
            if depth <= indent:
                # back to the depth of an entry's fields, or of the list items (`- ` and the
                # text after it both count)
                return depth != indent and not (line.lstrip().startswith("- ") and depth + 2 == indent)
        return indent != 0
    return False


_TEXT_WITH_HASH = re.compile(r"""(?:^|[{,])\s*(?:-\s+)?(?:ar|en):[ \t]+(?![\s"'{\[>|])[^#\n]*?\S[ \t]+#""")


def _comment_in_text(text: str) -> int | None:
    """The first line where an ar: or en: text, not in quotes, holds ' #': YAML reads the
    rest of the line as a comment ("its #2 partner" becomes "its")."""
    for number, line in enumerate(text.split("\n"), start=1):
        if _TEXT_WITH_HASH.search(line):
            return number
    return None


def _syntax_hint(text: str, line: int | None, problem: str) -> str:
    """A YAML syntax error in plain words, with what is probably wrong on that line."""
    lines = text.split("\n")
    here = lines[line - 1] if line and line <= len(lines) else ""
    if "\t" in here[: len(here) - len(here.lstrip())] or ("\t" in here and "cannot start any token" in problem):
        return "this line is indented with a tab; YAML needs spaces: replace the tab with spaces"
    previous = next((l for l in reversed(lines[: (line or 1) - 1]) if l.strip() and not l.lstrip().startswith("#")), "")
    indent, before = len(here) - len(here.lstrip(" ")), len(previous) - len(previous.lstrip(" "))
    hint = {
        "did not find expected key": "a field is not where YAML expects one",
        "did not find expected '-' indicator": "a list item is not where YAML expects one",
        "found character that cannot start any token": "a character here cannot begin a value (a tab, or a stray @ ` % or |)",
        "mapping values are not allowed here": "a colon inside a text: put the text in quotes",
        "could not find expected ':'": "a field name without its colon, or a text that needs quotes",
        "found unexpected end of stream": "a quote or bracket is opened and never closed",
    }.get(problem.strip().replace("in this context", "here"), problem.strip() or "the text is not valid YAML")
    if "،" in here and "{" in here:  # {company: openai، role: buyer}
        hint = "fields inside {…} are separated by a Latin comma (,), not the Arabic comma (،)"
    if re.search(r""":\s*(["'])[^"'\n]*\1[ \t]*[^\s#,}\]]""", here):  # ar: "quoted" and more text
        hint = "a text that starts with a quote mark must also end with one: put the whole text in quotes"
    if here.strip() and _misaligned(lines[: (line or 1) - 1], indent, before, previous):
        hint += (f"; this line is indented by {indent} space{'s' if indent != 1 else ''} and the line above by {before}: "
                 "fields of the same entry must line up")
    return f"YAML syntax error: {hint}"


def _dotted(path: tuple) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


# ---------------------------------------------------------------------------
# Validation


def _friendly(error: dict) -> str:
    kind = error["type"]
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        field = str(error["loc"][-1]) if error["loc"] else ""
        if " " in field.strip():
            return ("is not a known field: a text containing a comma or colon inside {ar: ..., en: ...} "
                    "must be put in quotes")
        return "is not a known field (check the spelling)"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        given = error.get("input")
        return (f"'{given}' is not one of: {expected}" if isinstance(given, str) else f"must be one of: {expected}")
    message = error["msg"]
    for prefix in ("Value error, ", "Assertion failed, "):
        if message.startswith(prefix):
            message = message[len(prefix):]
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type", "date_from_datetime_inexact"):
        value = error.get("input")
        return f"'{value}' is not a real date; write it as YYYY-MM-DD, e.g. 2025-10-06"
    plain = {  # pydantic's words, in a contributor's
        "string_type": "must be a text",
        "bool_type": "must be true or false",
        "bool_parsing": "must be true or false",
        "int_type": "must be a whole number",
        "int_parsing": "must be a whole number",
        "list_type": "must be a list, e.g. [a, b] or lines starting with -",
        "dict_type": "must be a set of fields (key: value)",
        "model_type": "must be a set of fields (key: value)",
        "model_attributes_type": "must be a set of fields (key: value)",
        "too_short": "must not be empty",
        "string_pattern_mismatch": "is not written as expected",
        "greater_than": "must be a positive number",
        "less_than_equal": "is too large",
        "union_tag_invalid": "is not one of the allowed forms",
    }
    if kind == "string_type" and isinstance(error.get("input"), bool):  # YAML reads no, yes, on, off as booleans
        return "must be a text: YAML reads yes, no, on and off as true or false, so put the text in quotes"
    if kind == "string_type" and isinstance(error.get("input"), (int, float)):
        return "must be a text: put the number in quotes"
    if kind == "string_pattern_mismatch" and error["loc"] and error["loc"][-1] == "country":
        return f"'{error.get('input')}' is not a country code: write the two capital letters, e.g. US, AE or NO"
    if kind == "too_short" and (error.get("ctx") or {}).get("min_length", 1) > 1:
        return f"needs at least {error['ctx']['min_length']} entries"
    if kind in plain:
        return plain[kind]
    return message[0].lower() + message[1:] if message else kind


def _validation_problems(
    reader: _Reader, exc: ValidationError, base: tuple, entry: str | None
) -> Iterator[Problem]:
    for error in exc.errors():
        loc = tuple(part for part in error["loc"] if not (isinstance(part, str) and "[" in part))
        # pydantic adds the literal/function name to loc for some unions; drop non-path parts
        full = base + loc
        line = _line_of(reader, full) or reader.lines.get(())
        yield Problem(reader.rel, line, entry, _dotted(loc) or None, _friendly(error))


def _entry_label(noun: str, raw: Any, index: int) -> str:
    if isinstance(raw, dict) and isinstance(raw.get("id"), str):
        return f"{noun} '{raw['id']}'"
    return f"{noun} #{index + 1}"


def load(data_dir: Path | str) -> model.DataSet:
    """Load and validate every data file; raise DataError listing all problems."""
    data_dir = Path(data_dir)
    problems: list[Problem] = []
    parsed: dict[str, Any] = {}
    readers: dict[str, _Reader] = {}
    entry_lines: dict[tuple[str, str], tuple[_Reader, int]] = {}  # -> (reader, index)

    for name in list(MAPPING_FILES) + list(LIST_FILES):
        path = data_dir / f"{name}.yaml"
        rel = f"data/{name}.yaml"
        if not path.is_file():
            problems.append(Problem(rel, None, None, None, "file is missing"))
            continue
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(Problem(rel, None, None, None, f"file is {size} bytes; the limit is {MAX_FILE_BYTES}"))
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            problems.append(Problem(rel, None, None, None, f"is not UTF-8 text ({exc.reason} at byte {exc.start})"))
            continue
        reader = _Reader(rel, text, LIST_FILES[name][1] if name in LIST_FILES else None)
        readers[name] = reader
        raw = reader.read()
        problems.extend(reader.problems)
        if reader.problems:
            continue

        if name in MAPPING_FILES:
            if not isinstance(raw, dict):
                problems.append(Problem(rel, 1, None, None, "must be a mapping of fields (key: value)"))
                continue
            try:
                parsed[name] = MAPPING_FILES[name].model_validate(raw)
            except ValidationError as exc:
                problems.extend(_validation_problems(reader, exc, (), None))
            continue

        schema, noun = LIST_FILES[name]
        if raw is None:
            raw = []
        if not isinstance(raw, list):
            problems.append(Problem(rel, 1, None, None, "must be a list of entries, each starting with '- id:'"))
            continue
        entries: dict[str, BaseModel] = {}
        for index, item in enumerate(raw):
            label = _entry_label(noun, item, index)
            line = reader.lines.get((index,))
            if not isinstance(item, dict):
                problems.append(Problem(rel, line, label, None, "each entry must be a mapping of fields"))
                continue
            try:
                obj = schema.model_validate(item)
            except ValidationError as exc:
                problems.extend(_validation_problems(reader, exc, (index,), label))
                continue
            if obj.id in entries:
                first = reader.lines.get((entry_lines[(name, obj.id)][1],))
                problems.append(Problem(rel, line, label, "id", f"duplicate id (first used on line {first})"))
                continue
            entries[obj.id] = obj
            entry_lines[(name, obj.id)] = (reader, index)
        parsed[name] = entries

    if not problems:
        problems.extend(_cross_check(parsed, readers, entry_lines))
    if problems:
        raise DataError(problems)
    return model.DataSet(**{name.replace("-", "_"): value for name, value in parsed.items()})


def _at(entry_lines: dict, file: str, obj_id: str, path: tuple, message: str) -> Problem:
    """A problem with a field of an entry of a list file, on that field's line."""
    reader, index = entry_lines[(file, obj_id)]
    return Problem(reader.rel, _line_of(reader, (index,) + path), f"{LIST_FILES[file][1]} '{obj_id}'",
                   _dotted(path), message)


def _cross_check(parsed: dict, readers: dict, entry_lines: dict) -> Iterator[Problem]:
    """References between files: every id that is used must exist."""
    known = {name: set(parsed[name]) for name in LIST_FILES}

    def ref(file: str, obj_id: str, path: tuple, target: str, value: str):
        if value in known[target]:
            return None
        singular = LIST_FILES[target][1]
        return _at(entry_lines, file, obj_id, path, f"unknown {singular} id '{value}' (not in data/{target}.yaml)")

    checks: list[Problem | None] = []
    for deal in parsed["deals"].values():
        for i, party in enumerate(deal.parties):
            checks.append(ref("deals", deal.id, ("parties", i, "company"), "companies", party.company))
        for i, flow in enumerate(deal.flows):
            checks.append(ref("deals", deal.id, ("flows", i, "payer"), "companies", flow.payer))
            checks.append(ref("deals", deal.id, ("flows", i, "payee"), "companies", flow.payee))
        for i, source in enumerate(deal.sources):
            checks.append(ref("deals", deal.id, ("sources", i), "sources", source))
        for i, change in enumerate(deal.status):
            for j, source in enumerate(change.sources):
                checks.append(ref("deals", deal.id, ("status", i, "sources", j), "sources", source))
        for i, other in enumerate(deal.related):
            checks.append(ref("deals", deal.id, ("related", i), "deals", other))
        if deal.part_of:
            checks.append(ref("deals", deal.id, ("part_of",), "deals", deal.part_of))
    for person in parsed["people"].values():
        if person.company:
            checks.append(ref("people", person.id, ("company",), "companies", person.company))
    for term in parsed["glossary"].values():
        for i, other in enumerate(term.related):
            checks.append(ref("glossary", term.id, ("related", i), "glossary", other))
        for i, source in enumerate(term.sources):
            checks.append(ref("glossary", term.id, ("sources", i), "sources", source))
    for figure in parsed["figures"].values():
        for i, source in enumerate(figure.sources):
            checks.append(ref("figures", figure.id, ("sources", i), "sources", source))
    for event in parsed["events"].values():
        for i, source in enumerate(event.sources):
            checks.append(ref("events", event.id, ("sources", i), "sources", source))
    for quote in parsed["quotes"].values():
        checks.append(ref("quotes", quote.id, ("person",), "people", quote.person))
        for i, source in enumerate(quote.sources):
            checks.append(ref("quotes", quote.id, ("sources", i), "sources", source))
    checks.extend(_source_policy(parsed, entry_lines))
    checks.extend(_consistency(parsed, entry_lines))
    return (problem for problem in checks if problem is not None)


# Bounds no real capacity reaches: OpenAI's whole plan is tens of gigawatts, and a site
# under a megawatt is not a data centre. Outside them, GW and MW were most likely swapped.
POWER_BOUNDS = {"GW": (Decimal("0.01"), Decimal(100)), "MW": (Decimal(1), Decimal(100_000))}


def _plain_number(value) -> str:
    for word, size in (("trillion", 10**12), ("billion", 10**9), ("million", 10**6)):
        if value >= size:
            return f"{(value / size).normalize():f} {word}"
    return f"{value.normalize():f}"


def _plausible_power(amount: Decimal | None, unit: str) -> str | None:
    """Why a capacity cannot be right, if it cannot."""
    low, high = POWER_BOUNDS[unit]
    if amount is None or low <= amount <= high:
        return None
    other = "MW" if unit == "GW" else "GW"
    return f"{_plain_number(amount)} {unit} is not a believable capacity (between {low} and {high} {unit}): is the unit {other}?"


def _consistency(parsed: dict, entry_lines: dict) -> Iterator[Problem]:
    """What each entry says must hold together: a status history told oldest first, no date
    after the day the data is checked to, money that moves only between a deal's parties and
    is not more than the deal, believable capacities, and no deal related to itself."""
    as_of = parsed["site"].as_of

    def at(file: str, obj_id: str, path: tuple, message: str | None) -> Iterator[Problem]:
        if message:
            yield _at(entry_lines, file, obj_id, path, message)

    def dated(file: str, obj_id: str, path: tuple, day) -> Iterator[Problem]:
        if day > as_of:
            yield from at(file, obj_id, path, f"{day} is after {as_of}, the day the data is checked to "
                                              "(as_of in data/site.yaml): a typo in the year?")

    for deal in parsed["deals"].values():
        yield from dated("deals", deal.id, ("announced",), deal.announced)
        yield from dated("deals", deal.id, ("verified",), deal.verified)
        if deal.verified < deal.announced:
            yield from at("deals", deal.id, ("verified",),
                          f"{deal.verified} is before the deal was announced ({deal.announced})")
        for i, change in enumerate(deal.status):
            yield from dated("deals", deal.id, ("status", i, "date"), change.date)
            if i and change.date < deal.status[i - 1].date:
                yield from at("deals", deal.id, ("status", i, "date"),
                              f"{change.date} comes before the entry above it ({deal.status[i - 1].date}): "
                              "list the status history oldest first")
        parties = {party.company for party in deal.parties}
        for i, flow in enumerate(deal.flows):
            for role in ("payer", "payee"):
                company = getattr(flow, role)
                if company not in parties:
                    yield from at("deals", deal.id, ("flows", i, role),
                                  f"'{company}' is not one of this deal's parties: add it under parties, "
                                  "or correct the flow")
            # a flow larger than the whole deal is a slip of a digit or of million/billion
            if deal.value.disclosed and flow.amount.disclosed and flow.amount.high > deal.value.high:
                yield from at("deals", deal.id, ("flows", i, "amount"),
                              f"{_plain_number(flow.amount.high)} is more than the whole deal's value "
                              f"({_plain_number(deal.value.high)}): check the digits and million/billion")
        for i, other in enumerate(deal.related):
            if other == deal.id:
                yield from at("deals", deal.id, ("related", i), "a deal cannot be related to itself")
        if deal.capacity is not None:
            yield from at("deals", deal.id, ("capacity",), _plausible_power(deal.capacity.high, deal.capacity.unit))
    for figure in parsed["figures"].values():
        if figure.unit in ("gw", "mw") and figure.value.disclosed:
            yield from at("figures", figure.id, ("unit",), _plausible_power(figure.value.high, figure.unit.upper()))
    seen_variants: dict[tuple[str, str], str] = {}
    for term in parsed["glossary"].values():
        for lang in model.LANGS:
            for i, variant in enumerate(getattr(term.variants, lang)):
                other = seen_variants.setdefault((lang, variant.casefold()), term.id)
                if other != term.id:
                    yield from at("glossary", term.id, ("variants", lang, i),
                                  f"'{variant}' is already a variant of the term '{other}': a word can lead "
                                  "to one definition only")
    for quote in parsed["quotes"].values():
        yield from dated("quotes", quote.id, ("date",), quote.date)
    for event in parsed["events"].values():
        yield from dated("events", event.id, ("date",), event.date)


def refused_host(url: str, refused: list[str]) -> str | None:
    """The refused host a URL is on (its host or a parent domain), or None."""
    host = (urlsplit(url).hostname or "").lower()
    for bad in refused:
        if host == bad or host.endswith("." + bad):
            return bad
    return None


_HOME_FILES = {"index.html", "index.htm", "index.php", "index.asp", "default.aspx", "default.asp", "home"}


def is_home_page(url: str) -> bool:
    """A publisher's front page: no path, or only the file that serves the front page."""
    parts = urlsplit(url)
    path = parts.path.strip("/").lower()
    return (path == "" or path in _HOME_FILES) and not parts.query


def _source_policy(parsed: dict, entry_lines: dict) -> Iterator[Problem]:
    """Every source link follows data/source-policy.yaml: no refused host, no bare home page."""
    policy = parsed["source-policy"]
    for source in parsed["sources"].values():
        if not source.url:
            continue
        bad = refused_host(source.url, policy.refused_hosts)
        if bad:
            yield _at(entry_lines, "sources", source.id, ("url",),
                      f"{bad} is a refused host (an aggregator or republisher, see data/source-policy.yaml): "
                      "link the company's own announcement or the original publisher's article")
        elif policy.require_article_path and is_home_page(source.url) and not source.home_page:
            yield _at(entry_lines, "sources", source.id, ("url",),
                      "is a home page, not the article: give the article's address, or leave url out "
                      "(the page then says the address was not recorded)")


def _line_of(reader: _Reader, path: tuple) -> int | None:
    """The line of the deepest part of path that the file has."""
    probe = path
    while probe:
        if probe in reader.lines:
            return reader.lines[probe]
        probe = probe[:-1]
    return None
