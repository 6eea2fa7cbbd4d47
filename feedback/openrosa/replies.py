"""The XML documents the OpenRosa server answers with: a message, a form list, a manifest.

Every answer of the server carries ``X-OpenRosa-Version: 1.0`` and is ``text/xml``; a submission's answer
and every error are an ``OpenRosaResponse`` whose message ODK Collect shows to the person holding the
device. Documents are built with ElementTree, so survey titles and messages are escaped.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping

from flask import Response as FlaskResponse

__all__ = ["OPENROSA_HEADERS", "form_list", "manifest", "message", "xml_reply"]

OPENROSA_VERSION = "1.0"
OPENROSA_HEADERS = {"X-OpenRosa-Version": OPENROSA_VERSION}
RESPONSE_NS = "http://openrosa.org/http/response"
FORM_LIST_NS = "http://openrosa.org/xforms/xformsList"
MANIFEST_NS = "http://openrosa.org/xforms/xformsManifest"


def _document(root: ET.Element) -> str:
    return ET.tostring(root, encoding="unicode", xml_declaration=True)


def xml_reply(document: str, status: int = 200, headers: Mapping[str, str] | None = None) -> FlaskResponse:
    """An OpenRosa answer: XML, the protocol's version header, never cached."""
    reply = FlaskResponse(document, status=status, mimetype="text/xml")
    reply.headers.update(OPENROSA_HEADERS)
    reply.headers.update(headers or {})
    reply.headers["Cache-Control"] = "no-store"
    return reply


def message(text: str, *, nature: str = "") -> str:
    """``<OpenRosaResponse><message nature="…">text</message></OpenRosaResponse>``."""
    root = ET.Element("OpenRosaResponse", {"xmlns": RESPONSE_NS})
    ET.SubElement(root, "message", {"nature": nature}).text = text
    return _document(root)


def form_list(forms: Iterable[Mapping[str, str]]) -> str:
    """An ``xformsList``: each form's ``formID``, ``name``, ``version``, ``hash``, ``downloadUrl`` and
    ``manifestUrl``, in that order (the order of ODK Central's list)."""
    root = ET.Element("xforms", {"xmlns": FORM_LIST_NS})
    for form in forms:
        entry = ET.SubElement(root, "xform")
        for name in ("formID", "name", "version", "hash", "downloadUrl", "manifestUrl"):
            if form.get(name) is not None:
                ET.SubElement(entry, name).text = form[name]
    return _document(root)


def manifest() -> str:
    """An empty ``xformsManifest``: Chorus forms use no media or data files."""
    return _document(ET.Element("manifest", {"xmlns": MANIFEST_NS}))
