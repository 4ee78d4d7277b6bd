"""Content files to `Article` objects: the only stage that reads `content/`.

Two formats: Markdown with YAML front matter (`*.md`) and plain text (`*.txt`, where a
short first line without final punctuation is the headline). A file that cannot be used
yields an error `Problem` and is skipped; anything merely missing yields a warning. Every
problem names the file and, where known, the line.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import re
import stat
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler
from slugify import slugify

from .model import Article, Problem

SUFFIXES = (".md", ".markdown", ".txt")
KNOWN_FIELDS = ("title", "outlet", "published", "url", "authors", "language", "tags", "story")
# The names other static-site generators (Jekyll, Hugo, Pelican) and feeds give the same
# fields: read as ours, with one note saying so.
ALIASES = {
    "date": "published",
    "author": "authors",
    "categories": "tags",
    "source": "outlet",
    "publisher": "outlet",
    "site_name": "outlet",
    "link": "url",
}
MAX_FILE_BYTES = 25_000_000
MAX_TITLE_CHARS = 300  # a title is a line in lists, tabs and <title>, not a paragraph
MAX_FRONT_MATTER_BYTES = 64_000  # a few dozen fields; more is not metadata (and YAML is slow)
UNKNOWN_OUTLET = "Unknown outlet"
_FINAL_PUNCTUATION = (
    *tuple(".!?;:…"),
    *('."', ".”", "?”", "!”", '?"', '!"', ",”", ',"'),
)
_CREDIT = re.compile(r"\b(?:Credit|Photo(?:graph)?|Image)\s*:\s*\S", re.IGNORECASE)


class ContentError(ValueError):
    """Bad input, carrying the file and line it is about."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.problem = Problem(path=path, message=message, line=line)


def read_content(content_dir: Path) -> tuple[list[Article], list[Problem]]:
    """Read every article under `content_dir`, sorted by path; slugs made unique."""
    articles: list[Article] = []
    problems: list[Problem] = []
    for path in content_files(content_dir):
        article, found = read_file(path, content_dir)
        problems.extend(found)
        if article is not None:
            articles.append(article)
    articles, found = unique_slugs(articles)
    problems.extend(found)
    return articles, problems


def content_files(content_dir: Path) -> list[Path]:
    """Article files under `content_dir` (hidden files and folders skipped), sorted."""
    if not content_dir.is_dir():
        return []
    found = []
    for path in content_dir.rglob("*"):
        relative = path.relative_to(content_dir)
        if any(part.startswith((".", "_")) for part in relative.parts):
            continue
        # Anything with an article's name that is not a folder is read or reported (a FIFO, a
        # device or a broken link must be named, not silently skipped).
        if path.suffix.lower() in SUFFIXES and (path.is_symlink() or not path.is_dir()):
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(content_dir).as_posix())


def read_file(path: Path, content_dir: Path) -> tuple[Article | None, list[Problem]]:
    """One file to an Article, or None with the reason as an error Problem."""
    name = path.relative_to(content_dir).as_posix()
    warnings: list[Problem] = []
    try:
        raw = _read_bytes(path, content_dir, name)
        text = decode(raw, name, warnings)
        article = parse(text, name, warnings)
    except ContentError as exc:
        return None, [*warnings, exc.problem]
    return replace(article, content_hash=hashlib.sha256(raw).hexdigest()), warnings


def _read_bytes(path: Path, content_dir: Path, name: str) -> bytes:
    resolved = path.resolve()
    if not resolved.is_relative_to(content_dir.resolve()):
        raise ContentError(name, "is a link to a file outside content/; copy the file in instead")
    try:
        status = resolved.stat()
    except OSError as exc:
        reason = "is a broken link" if path.is_symlink() else "cannot be read"
        raise ContentError(name, f"{reason} ({exc.strerror}); fix or remove it") from exc
    if not stat.S_ISREG(status.st_mode):
        # Reading a FIFO or a device would block or never end.
        raise ContentError(name, "is not a regular file (a pipe, device or socket); remove it")
    if status.st_size > MAX_FILE_BYTES:
        raise ContentError(
            name,
            f"is {status.st_size:,} bytes, more than the {MAX_FILE_BYTES:,} an article may "
            "have; split it into several articles",
        )
    try:
        with open(resolved, "rb") as handle:
            return handle.read(MAX_FILE_BYTES + 1)[:MAX_FILE_BYTES]
    except OSError as exc:
        raise ContentError(name, f"cannot be read ({exc.strerror}); check its permissions") from exc


def decode(raw: bytes, name: str, warnings: list[Problem]) -> str:
    """Bytes to text with Unix line endings: UTF-8 (BOM or not), UTF-16 with BOM, or a guess."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ContentError(
                name, f"has a UTF-16 byte order mark but bad bytes ({exc.reason}); save it as UTF-8"
            ) from exc
    else:
        if b"\x00" in raw:
            raise ContentError(name, "contains NUL bytes: it looks binary, not an article")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _guess_decode(raw, name, warnings)
    if "\x00" in text:  # also after UTF-16 decoding
        raise ContentError(name, "contains NUL bytes: it looks binary, not an article")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ContentError(name, "is empty: an article needs some text")
    return text


def _guess_decode(raw: bytes, name: str, warnings: list[Problem]) -> str:
    from charset_normalizer import from_bytes

    matches = from_bytes(raw)
    best = matches.best()
    if best is None:
        raise ContentError(name, "is not text in any encoding we can detect; save it as UTF-8")
    encoding, text = best.encoding, str(best)
    # Short Western texts fit several single-byte code pages about equally well; like the
    # browsers, prefer Windows-1252, by far the most common of them, when it fits as well.
    for match in matches:
        if "cp1252" in match.could_be_from_charset and match.chaos <= best.chaos + 0.05:
            encoding, text = "cp1252", raw.decode("cp1252", errors="replace")
            break
    label = "Windows-1252" if encoding == "cp1252" else encoding
    warnings.append(
        Problem(name, f"is not UTF-8; read it as {label}; save it as UTF-8", None, "warning")
    )
    return text


# --- parsing ------------------------------------------------------------------------------


def parse(text: str, name: str, warnings: list[Problem]) -> Article:
    """Text of one file to an Article (front matter if it has one, else plain text)."""
    meta: dict = {}
    body_line = 1
    if _HANDLER.detect(text):
        _check_front_matter_size(text, name)
    split = _split_front_matter(text)
    if split:
        front_matter, text = split
        meta = _load_front_matter(front_matter, name)
        body_line = front_matter.count("\n") + 3  # the two '---' lines, then 1-based
    elif name.lower().endswith((".md", ".markdown")):
        front_matter = ""
        warnings.append(
            Problem(name, "has no front matter (--- title/outlet/published ---)", 1, "warning")
        )
    width = wrap_width(text.split("\n"))
    paragraphs = _paragraphs(text, width)
    if width:
        warnings.append(
            Problem(
                name,
                f"is hard-wrapped at {width} columns; its lines were joined into paragraphs "
                "(a blank line, an indented line or a line that ends short starts a new one)",
                body_line,
                "note",
            )
        )
    fields = _validate(meta, name, front_matter if split else "", warnings)
    standfirst = None
    title = fields.get("title")
    dateline = None
    if title is None and not split:
        # a dateline alone on the first line ("WASHINGTON --") is no headline
        dateline, paragraphs = split_dateline(paragraphs, alone=True)
        standfirst, title, paragraphs = split_headline(paragraphs)
    if not paragraphs:
        raise ContentError(name, "has a headline but no article text", body_line)
    if dateline is None:
        dateline, paragraphs = split_dateline(paragraphs)
    if not paragraphs:
        raise ContentError(name, "has a dateline but no article text", body_line)
    title_derived = title is None
    if title is None:
        title = derive_title(paragraphs[0])
        warnings.append(
            Problem(name, f"has no title; using its first words: {title!r}", None, "note")
        )
    if len(title) > MAX_TITLE_CHARS:
        title = shorten(title, MAX_TITLE_CHARS)
        warnings.append(
            Problem(
                name, f"has a title longer than {MAX_TITLE_CHARS} characters; cut", None, "warning"
            )
        )
    if "outlet" not in fields:
        warnings.append(Problem(name, "has no outlet; add 'outlet:' front matter", None, "warning"))
    if "published" not in fields:
        warnings.append(
            Problem(name, "has no published date; relative dates stay unresolved", None, "warning")
        )
    return Article(
        path=name,
        slug=make_slug(Path(name).stem, name),
        title=title,
        outlet=fields.get("outlet", UNKNOWN_OUTLET),
        published=fields.get("published"),
        paragraphs=tuple(paragraphs),
        url=fields.get("url"),
        authors=fields.get("authors", ()),
        language=fields.get("language", "en"),
        tags=fields.get("tags", ()),
        story=fields.get("story"),
        standfirst=standfirst,
        dateline=dateline,
        title_derived=title_derived,
    )


class _FrontMatter(YAMLHandler):
    """python-frontmatter's YAML handler, with this project's boundaries and loader: the
    front matter opens with a '---' line and closes with '---' or '...' (YAML's own end of
    a document), and is read with the safe loader below (no Python objects, dates as text,
    libyaml when PyYAML has it)."""

    FM_BOUNDARY = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)

    def detect(self, text: str) -> bool:
        return re.match(r"---[ \t]*\n", text) is not None

    def load(self, fm: str, **kwargs: object) -> Any:
        kwargs.setdefault("Loader", _SafeLoaderNoDates)
        return super().load(fm, **kwargs)


_HANDLER = _FrontMatter()


def _split_front_matter(text: str) -> tuple[str, str] | None:
    """(front matter, body) of a file that opens with front matter, else None."""
    if not _HANDLER.detect(text):
        return None
    try:
        front_matter, body = _HANDLER.split(text)
    except ValueError:  # no closing line
        return None
    # the boundary lines' own line ends belong to neither part
    return front_matter.removeprefix("\n"), body.removeprefix("\n")


def _check_front_matter_size(text: str, name: str) -> None:
    """A file that opens with '---' must close its front matter, and soon."""
    close = _FrontMatter.FM_BOUNDARY.search(text[4 : MAX_FRONT_MATTER_BYTES + 8])
    if close is not None:
        return
    if _FrontMatter.FM_BOUNDARY.search(text[4:]):
        raise ContentError(
            name,
            f"front matter is longer than {MAX_FRONT_MATTER_BYTES:,} characters; "
            "keep only title, outlet, published and the other known fields",
            1,
        )
    if name.lower().endswith((".md", ".markdown")):  # plain text may open with a rule
        raise ContentError(
            name, "front matter has no closing '---' line; add one after the last field", 1
        )


class _SafeLoaderNoDates(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """SafeLoader (no Python objects from tags like !!python/object), dates left as text.

    YAML's own timestamp rule raises a bare ValueError on 2022-02-30; dates are parsed by
    `parse_published`, which says what is wrong and where. The C parser (libyaml, when
    PyYAML has it) reads front matter about ten times faster: a third of a no-change build
    of a thousand articles went to parsing YAML in Python.
    """


_SafeLoaderNoDates.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _load_front_matter(source: str, name: str) -> dict:
    try:
        data = _HANDLER.load(source)
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None  # +1 for 1-based, +1 for '---'
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        hint = "; quote values that contain ':', '#', '[' or '{'"
        if isinstance(exc, yaml.constructor.ConstructorError):
            hint = "; YAML tags such as !!python/... are not allowed, write plain values"
        elif isinstance(exc, RecursionError):
            problem = "it is nested too deeply"
        raise ContentError(name, f"front matter is not valid YAML: {problem}{hint}", line) from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ContentError(
            name, f"front matter must be 'key: value' lines, not a {type(data).__name__}", 2
        )
    return data


def _field_lines(front_matter: str) -> dict[str, int]:
    """Line number (in the file) of each top-level key of the front matter."""
    lines: dict[str, int] = {}
    for number, line in enumerate(front_matter.splitlines(), start=2):
        key = line.partition(":")[0]
        if key and not key[0].isspace():
            lines.setdefault(key, number)
    return lines


def _validate(meta: dict, name: str, front_matter: str, warnings: list[Problem]) -> dict:
    """Check and normalise front-matter fields; ill-typed optional fields become warnings."""
    fields: dict = {}
    lines = _field_lines(front_matter)
    meta = _with_aliases(meta, lines, name, warnings)
    unknown = sorted(
        (str(key) for key in meta if key not in KNOWN_FIELDS), key=lambda k: (lines.get(k, 0), k)
    )
    if unknown:  # one message for all of them: a file is reported once per kind of problem
        shown = ", ".join(repr(key) for key in unknown[:5])
        more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
        warnings.append(
            Problem(
                name,
                f"unknown field{'s' if len(unknown) > 1 else ''} {shown}{more} ignored "
                f"(known: {', '.join(KNOWN_FIELDS)})",
                lines.get(unknown[0]),
                "warning",
            )
        )
    for key in sorted((key for key in meta if key in KNOWN_FIELDS), key=str):
        value = meta[key]
        line = lines.get(str(key))
        if value is None or value == "" or value == []:
            continue
        try:
            fields[key] = _FIELD_PARSERS[key](value)
        except ValueError as exc:
            if key in ("title", "published"):
                raise ContentError(name, f"field {key!r}: {exc}", line) from exc
            warnings.append(Problem(name, f"field {key!r} ignored: {exc}", line, "warning"))
    return fields


def _with_aliases(meta: dict, lines: dict[str, int], name: str, warnings: list[Problem]) -> dict:
    """Front matter with other generators' field names read as ours ('date' as
    'published'); one note lists what was read so, and what was left because the file
    also gives our own field."""
    found = [key for key in meta if key in ALIASES]
    if not found:
        return meta
    renamed = {key: value for key, value in meta.items() if key not in ALIASES}
    read, left = [], []
    for key in sorted(found, key=lambda k: (lines.get(k, 0), k)):
        ours = ALIASES[key]
        if ours in renamed:
            left.append(f"{key!r} ({ours!r} is given)")
            continue
        renamed[ours] = meta[key]
        if key in lines:
            lines[ours] = lines[key]
        read.append(f"{key!r} as {ours!r}")
    message = "read " + ", ".join(read) if read else ""
    if left:
        message += ("; " if message else "") + "ignored " + ", ".join(left)
    warnings.append(Problem(name, message, lines.get(found[0]), "note"))
    return renamed


def _text(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError(f"expected text, got {type(value).__name__}")
    text = " ".join(str(value).split())
    if not text:
        raise ValueError("is blank")
    return text


def _texts(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [part for part in value.split(",")]
    if not isinstance(value, list):
        raise ValueError(f"expected a list of names, got {type(value).__name__}")
    return tuple(t for t in (_text(v) for v in value) if t)


def parse_published(value: object) -> dt.date:
    """A date, a datetime, or an ISO text form of either."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return dt.datetime.fromisoformat(text).date()
        except ValueError as exc:
            # other generators' date-times: "2022-03-10 10:00:00 +0100" (Jekyll, Hugo)
            stamp = re.match(r"(\d{4}-\d{2}-\d{2})[ T]\d{1,2}:\d{2}", text)
            if stamp:
                try:
                    return dt.date.fromisoformat(stamp.group(1))
                except ValueError:
                    pass
            reason = f" ({exc})" if re.match(r"\d{4}-\d{2}-\d{2}", text) else ""
            raise ValueError(
                f"{value!r} is not a date{reason}; write it as YYYY-MM-DD (e.g. 2022-03-10)"
            ) from None
    raise ValueError(f"expected a date like 2022-03-10, got {type(value).__name__}")


def _url(value: object) -> str:
    url = _text(value)
    if not re.match(r"https?://[^\s/$.?#][^\s]*\Z", url, re.IGNORECASE):
        raise ValueError(f"{url!r} is not an http(s) address")
    return url


def _story(value: object) -> str:
    key = slugify(_text(value))
    if not key:
        raise ValueError("must contain letters or digits")
    return key


def _language(value: object) -> str:
    language = _text(value).lower()
    if not re.fullmatch(r"[a-z]{2,3}(?:-[a-z0-9]{2,8})*", language):
        raise ValueError(f"{language!r} is not a language code like 'en'")
    return language


_FIELD_PARSERS = {
    "title": _text,
    "outlet": _text,
    "published": parse_published,
    "url": _url,
    "authors": _texts,
    "language": _language,
    "tags": _texts,
    "story": _story,
}


# --- plain text ---------------------------------------------------------------------------


def _paragraphs(text: str, width: int | None = None) -> list[str]:
    """Non-empty lines are paragraphs, unless the text is hard-wrapped at `width` (then the
    lines of each paragraph are joined again); photo credit lines are not article text."""
    raw = text.split("\n")
    blocks = reflowed(raw, width) if width else raw
    lines = (" ".join(line.split()) for line in blocks)
    return [line for line in lines if line and not is_credit_line(line)]


# Hard-wrapped text (wire copy, e-mail) breaks lines at a fixed width inside paragraphs.
# Below this many lines, or with lines this long, a file is taken as one paragraph a line.
_MIN_WRAPPED_LINES = 4
_MAX_WRAP_WIDTH = 100


def wrap_width(lines: list[str]) -> int | None:
    """The column a hard-wrapped text is wrapped at, or None when its lines are paragraphs.

    Wrapped: nearly every line fits a width of at most 100 columns, most lines come close
    to it, and some line ends in the middle of a sentence although the next line goes on.
    """
    text_lines = [line.rstrip() for line in lines if line.strip()]
    if len(text_lines) < _MIN_WRAPPED_LINES:
        return None
    lengths = sorted(len(line) for line in text_lines)
    usual = lengths[min(len(lengths) - 1, int(len(lengths) * 0.95))]
    if usual > _MAX_WRAP_WIDTH or usual < 30:
        return None
    if sum(length > usual + 5 for length in lengths) > len(lengths) * 0.05:
        return None
    width = max(length for length in lengths if length <= usual + 5)
    full = sum(length >= 0.6 * width for length in lengths)
    runs_on = sum(
        1
        for line, after in itertools.pairwise(lines)
        if line.strip() and after.strip() and not line.rstrip().endswith(_FINAL_PUNCTUATION)
    )
    if full < 0.6 * len(lengths) or runs_on < 2:
        return None
    return width


def reflowed(lines: list[str], width: int) -> list[str]:
    """The paragraphs of a hard-wrapped text, one a line: a paragraph ends at a blank line,
    before an indented line, and after a line the next line's first word would have fitted
    on (a wrapping tool would have put it there, so the break was the writer's)."""
    indented = [line[:1].isspace() for line in lines if line.strip()]
    marks_paragraphs = any(indented) and not all(indented)
    paragraphs: list[str] = []
    current: list[str] = []
    for index, line in enumerate(lines):
        if not line.strip():
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        if current and marks_paragraphs and line[:1].isspace():
            paragraphs.append(" ".join(current))
            current = []
        current.append(line.strip())
        after = lines[index + 1] if index + 1 < len(lines) else ""
        next_word = after.split()[0] if after.strip() else ""
        if next_word and len(line.rstrip()) + 1 + len(next_word) <= width:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def is_credit_line(line: str) -> bool:
    return bool(_CREDIT.search(line)) and not line.endswith(_FINAL_PUNCTUATION)


def _is_headline(line: str, max_words: int = 30) -> bool:
    return (
        len(line) <= MAX_TITLE_CHARS
        and len(line.split()) <= max_words
        and not line.endswith(_FINAL_PUNCTUATION)
    )


def shorten(text: str, limit: int) -> str:
    """Text cut to at most `limit` characters at a word boundary, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit - 1)
    return text[: cut if cut >= limit // 2 else limit - 2].rstrip(",;: ") + " …"


def _title_case_share(line: str) -> float:
    words = [w for w in re.findall(r"[^\W\d_][\w'’]*", line) if len(w) > 3]
    return sum(w[0].isupper() for w in words) / len(words) if words else 0.0


def split_headline(paragraphs: list[str]) -> tuple[str | None, str | None, list[str]]:
    """(standfirst, headline, rest) of a plain-text article.

    A headline is a short first line without final punctuation. Some pages put a
    standfirst (a one-line deck) above the headline: when the first two lines both look
    like headlines, the title-cased one is the headline and the other the standfirst,
    which stays in the body as its first paragraph.
    """
    if len(paragraphs) < 2 or not _is_headline(paragraphs[0], 40):
        return None, None, paragraphs
    first, second = paragraphs[0], paragraphs[1]
    if len(paragraphs) > 2 and _is_headline(second, 40):
        if _title_case_share(second) > _title_case_share(first):
            return first, second, [first, *paragraphs[2:]]
        return second, first, paragraphs[1:]
    if _is_headline(first):
        return None, first, paragraphs[1:]
    return None, None, paragraphs


# A wire dateline opens the first paragraph: "WASHINGTON (AP) --", "ROME, March 3 (Reuters)
# -", "ADDIS ABABA, Ethiopia (AP) --", "O SMACH, Cambodia (AP) _". The place is in
# capitals; a news agency in parentheses or a dash ends it. It is the article's dateline,
# shown on its page, not part of a sentence.
_DATELINE = re.compile(
    r"(?P<dateline>[A-Z][A-Z.'’]*(?:[ -][A-Z][A-Z.'’]+){0,3}"  # WASHINGTON, O SMACH
    r"(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)?"  # , Ethiopia / , N.Y.
    r"(?:, (?:[A-Z][a-z]{2,8}\.? \d{1,2}))?"  # , March 3
    r"(?: ?\((?:AP|Reuters|AFP|UPI|dpa|Xinhua|Bloomberg|CNN|[A-Z]{2,6})\))?)"  # (AP)
    # a dash: any after the agency ("(AP)_"), else spaced if a hyphen; AP writes "_"
    r"(?:(?<=\)) ?(?:--|—|–|-|_) ?| (?:--|—|–|-|_)(?: |$)|(?:--|—|–) ?)"
)


def split_dateline(paragraphs: list[str], alone: bool = False) -> tuple[str | None, list[str]]:
    """(dateline, paragraphs without it): a dateline alone on the first line is removed
    with its line; one that opens the first paragraph is cut off it (unless `alone`)."""
    if not paragraphs:
        return None, paragraphs
    match = _DATELINE.match(paragraphs[0])
    place = match["dateline"].split(",")[0].split("(")[0].replace(" ", "") if match else ""
    if len(place) < 2 or not place.isupper():
        return None, paragraphs
    rest = paragraphs[0][match.end() :].strip()
    dateline = " ".join(match["dateline"].split())
    if not rest:
        return dateline, paragraphs[1:]
    if alone or not (rest[0].isupper() or rest[0] in "\"“‘'0123456789"):
        return None, paragraphs  # "NASA - the agency..." is a sentence, not a dateline
    return dateline, [rest, *paragraphs[1:]]


def derive_title(paragraph: str, max_words: int = 24) -> str:
    """A title from the opening words: the first clause of the first sentence, cut at a word."""
    paragraph = paragraph[: MAX_TITLE_CHARS * 4]  # a 5 MB line must not become a title
    sentence = re.split(r"(?<=[.!?])\s+(?=[\"“A-Z])", paragraph, maxsplit=1)[0]
    words = sentence.split()
    if len(words) <= max_words:  # ("..." has no title without its dots)
        return shorten(sentence.rstrip(".") or sentence, MAX_TITLE_CHARS)
    clause = ""
    for part in re.split(r"(?<=,)\s+", sentence):
        candidate = f"{clause} {part}".strip()
        if len(candidate.split()) > max_words:
            break
        clause = candidate
    if len(clause.split()) >= 6:
        return clause.rstrip(",;:") + " …"
    return " ".join(words[:max_words]).rstrip(",;:") + " …"


# --- slugs --------------------------------------------------------------------------------


def make_slug(stem: str, name: str) -> str:
    """A URL-safe slug from the file name, transliterated; a hash when nothing is left."""
    slug = slugify(stem, max_length=80, word_boundary=True)
    return slug or "article-" + hashlib.sha256(name.encode()).hexdigest()[:10]


def unique_slugs(articles: Iterable[Article]) -> tuple[list[Article], list[Problem]]:
    articles = list(articles)
    taken = {article.slug for article in articles}  # a new name must not take a later file's
    seen: dict[str, str] = {}
    result, problems = [], []
    for article in articles:
        slug = article.slug
        if slug in seen:
            salt = article.path
            while slug in seen or slug in taken:
                slug = f"{article.slug}-{hashlib.sha256(salt.encode()).hexdigest()[:8]}"
                salt += "+"
            problems.append(
                Problem(
                    article.path,
                    f"has the same URL name as {seen[article.slug]}; published as '{slug}' "
                    "(rename one of the files)",
                    None,
                    "warning",
                )
            )
            article = replace(article, slug=slug)
        seen[slug] = article.path
        result.append(article)
    return result, problems
