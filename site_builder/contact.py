"""The association's contact (`contact` in `.github/admins.yaml`): a “联系市科协” section of the
page on submitting, and the same entries for the form's step 3 and the workbench, which say
联系市科协 where a secretary or a member of staff has to. Nothing published says so plainly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from site_builder.markup import text, web_link
from validators.association.admin_list import Contact, read_admin_list
from validators.urls import is_web_url

PAGE = "submit.md"
# Where the section goes in docs/submit.md; without the marker it ends the page.
MARKER = "<!-- association-contact -->"
UNPUBLISHED = "市科协尚未在本站公布联系方式。"


def read_contact(root: Path) -> Contact | None:
    """The contact the admin list of `root` publishes (None: none, or the list cannot be read)."""
    listed = read_admin_list(root)
    return listed.contact if listed is not None else None


def entries(contact: Contact | None) -> list[dict[str, str | None]]:
    """Each published entry: its title (the model's), its text, and for the address the link
    (http/https only; an address that is none is not shown at all)."""
    out: list[dict[str, str | None]] = []
    for name, info in Contact.model_fields.items():
        value = getattr(contact, name) if contact is not None else None
        if not isinstance(value, str):
            continue
        href = value if name == "url" and is_web_url(value) else None
        if name == "url" and href is None:
            continue
        out.append({"label": info.title or name, "text": value, "href": href})
    return out


def browser_contact(root: Path) -> dict[str, Any]:
    """What the form's and the workbench's settings carry: the entries, and what they say
    when there are none."""
    return {"entries": entries(read_contact(root)), "unpublished": UNPUBLISHED}


def section(contact: Contact | None) -> str:
    """The page's “联系市科协” section (Markdown), every value inert."""
    lines = ["## 联系市科协 {#contact}", ""]
    found = entries(contact)
    if not found:
        return "\n".join([*lines, UNPUBLISHED, ""])
    lines += ["提交中遇到本页和拉取请求中的说明解决不了的问题，或说明请你联系市科协时：", ""]
    for entry in found:
        value = web_link(str(entry["href"])) if entry["href"] else text(entry["text"])
        lines.append(f"- {text(entry['label'])}：{value}")
    return "\n".join([*lines, ""])


def render(intro: str, contact: Contact | None) -> str:
    """The hand-written page with the section at its marker (or at its end)."""
    generated = section(contact)
    if MARKER in intro:
        return intro.replace(MARKER, generated, 1)
    return intro.rstrip("\n") + "\n\n" + generated
