"""The hostile corpus: committed files in fixtures/hostile plus files made at test time.

Binary, odd-encoding, huge and symlinked files are made here rather than committed (git
would normalise some of them, and huge files do not belong in a repository). `EXPECTED`
says, for every file, what a build must make of it, so the tests and the README's "Bad
input" section describe the same behaviour.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "hostile"
SECRET = "LOCAL-SECRET-7f3a9c"  # the content of files outside content/ that must never leak

BODY = (
    "Foreign Minister Sergey Lavrov met his Ukrainian counterpart Dmytro Kuleba in Antalya on "
    "March 10, 2022, for talks that lasted about ninety minutes.\n\n“We will keep talking, "
    "but there is no agreement on a ceasefire,” Kuleba told reporters after the meeting.\n\n"
    "Observers said the meeting was the highest-level contact since the fighting began on "
    "February 24, 2022.\n"
)

# path -> (severity of the one problem that names the reason, a fragment of its message).
# Files not listed here are good files that must build without an error.
EXPECTED: dict[str, tuple[str, str]] = {
    # skipped files (errors)
    "bad-yaml.md": ("error", "front matter is not valid YAML"),
    "not-a-mapping.md": ("error", "front matter must be 'key: value' lines"),
    "yaml-python-tag.md": ("error", "front matter is not valid YAML"),
    "impossible-date.md": ("error", "day is out of range for month"),
    "unparseable-date.md": ("error", "is not a date"),
    "unclosed-front-matter.md": ("error", "front matter has no closing '---'"),
    "empty.md": ("error", "is empty"),
    "whitespace.txt": ("error", "is empty"),
    "binary.md": ("error", "looks binary"),
    "nul.txt": ("error", "looks binary"),
    "huge-front-matter.md": ("error", "front matter is"),
    "too-big.md": ("error", "more than the"),
    "bad-utf16.txt": ("error", "UTF-16"),
    "link-outside.md": ("error", "outside content/"),
    "link-etc.md": ("error", "outside content/"),
    "link-broken.md": ("error", "is a broken link"),
    "fifo.md": ("error", "not a regular file"),
    # built, with a warning that says what was done
    "cp1252.txt": ("warning", "is not UTF-8"),
    "inject-links.md": ("warning", "is not an http(s) address"),
    "unknown-fields.md": ("warning", "unknown fields 'slug', 'layout' ignored"),
    "ill-typed.md": ("warning", "field 'outlet' ignored"),
    "no-front-matter.md": ("warning", "has no front matter"),
    "no-metadata.txt": ("warning", "has no outlet"),
    "dup.txt": ("warning", "same URL name as dup.md"),
    "北京.md": ("warning", "same URL name as bei-jing.md"),
    "yaml-aliases.md": ("warning", "field 'tags' ignored"),
}

# Good files made at test time (with the committed ones they make the good part of the corpus).
GENERATED_GOOD = ("crlf.md", "cr.txt", "bom.md", "utf16.txt", "utf16-be.md", "controls.txt")


def make_corpus(root: Path) -> Path:
    """Copy the committed fixtures into root/content and add the generated files."""
    content = root / "content"
    shutil.copytree(FIXTURES, content)
    front = "---\ntitle: {title}\noutlet: Example Times\npublished: 2022-03-10\n---\n"

    def article(title: str) -> str:
        return front.format(title=title) + BODY

    (content / "crlf.md").write_bytes(
        article("Windows line endings").replace("\n", "\r\n").encode()
    )
    (content / "cr.txt").write_bytes(
        ("Old Mac Line Endings\n\n" + BODY).replace("\n", "\r").encode()
    )
    (content / "bom.md").write_bytes(b"\xef\xbb\xbf" + article("Byte order mark").encode())
    (content / "utf16.txt").write_bytes(("UTF-16 Little Endian\n\n" + BODY).encode("utf-16"))
    (content / "utf16-be.md").write_bytes(
        b"\xfe\xff" + article("UTF-16 big endian").encode("utf-16-be")
    )
    (content / "controls.txt").write_text(
        "Terminal \x1b[31mRed\x1b[0m and Delete\x7f in a Headline\n\n" + BODY, encoding="utf-8"
    )
    (content / "bad-utf16.txt").write_bytes(b"\xff\xfe" + "Odd length".encode("utf-16-le") + b"x")
    cp1252 = "Café Talks in Antalya\n\n" + BODY.replace("ninety", "“ninety”") + "Naïve – déjà vu.\n"
    (content / "cp1252.txt").write_bytes(cp1252.encode("cp1252"))
    (content / "binary.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (content / "nul.txt").write_bytes(b"A headline\n\nSome text\x00with a NUL byte in it.\n")
    (content / "huge-front-matter.md").write_text(
        "---\n" + "".join(f"key{i}: {'x' * 90}\n" for i in range(20_000)) + "---\n" + BODY
    )
    with open(content / "too-big.md", "wb") as handle:  # sparse: costs no disk
        handle.truncate(26_000_000)

    outside = root / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text(article(SECRET) + SECRET + " is private.\n")
    (content / "link-outside.md").symlink_to(outside / "secret.md")
    (content / "link-etc.md").symlink_to("/etc/passwd")
    (content / "link-broken.md").symlink_to(content / "missing-target.md")
    (content / "linked-folder").symlink_to(outside, target_is_directory=True)
    os.mkfifo(content / "fifo.md")
    return content


def generated_names() -> list[str]:
    names = [*GENERATED_GOOD, "bad-utf16.txt", "cp1252.txt", "binary.md", "nul.txt"]
    names += ["huge-front-matter.md", "too-big.md", "link-outside.md", "link-etc.md"]
    names += ["link-broken.md", "fifo.md"]
    return names
