"""OpenRosa fixtures: an open bilingual survey with a device token, and requests built as ODK Collect
builds them — the instance is the XForm's own primary instance (from pyxform), filled in and sent as the
``xml_submission_file`` part of a multipart POST with ``X-OpenRosa-Version: 1.0``."""

from __future__ import annotations

import io
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Mapping

import pytest

from feedback.services.devices import create_device
from surveys.models import Survey
from tests.surveys.helpers import make_survey

XFORMS = "{http://www.w3.org/2002/xforms}"
COLLECT_HEADERS = {"X-OpenRosa-Version": "1.0", "User-Agent": "org.odk.collect.android/v2024.3.2 okhttp/4.12.0",
                   "Date": "Mon, 07 Dec 2026 10:15:00 GMT+00:00"}
SLUG = "every-type"


@pytest.fixture
def survey(db) -> str:
    make_survey()
    db.session.commit()
    return SLUG


def new_token(db, slug: str, name: str = "Tablet 3") -> str:
    survey = db.session.scalar(db.select(Survey).where(Survey.slug == slug))
    _, token = create_device(survey, name, created_by_id=None)
    db.session.commit()
    return token


@pytest.fixture
def token(db, survey) -> str:
    return new_token(db, survey)


def base(token: str) -> str:
    return f"/openrosa/key/{token}"


def new_instance_id() -> str:
    return f"uuid:{uuid.uuid4()}"


def fill(xform: str, values: Mapping[str, str], *, instance_id: str, deprecated_id: str | None = None) -> bytes:
    """The XForm's primary instance with ``values`` (path below the root, e.g. ``second/story``) filled in,
    serialized as Collect sends it (elements without the XForms namespace)."""
    model = ET.fromstring(xform).find(f".//{XFORMS}model")
    root = next(iter(model.find(f"{XFORMS}instance")))
    for element in root.iter():
        element.tag = element.tag.removeprefix(XFORMS)
    for path, value in values.items():
        node = root.find(path)
        assert node is not None, f"the XForm has no field {path}"
        node.text = value
    root.find("meta/instanceID").text = instance_id
    if deprecated_id is not None:
        ET.SubElement(root.find("meta"), "deprecatedID").text = deprecated_id
    return b"<?xml version='1.0' ?>" + ET.tostring(root, encoding="utf-8", xml_declaration=False)


def submit(client, token: str | None, xml: bytes, *, attachments: Mapping[str, bytes] | None = None,
           auth: tuple[str, str] | None = None, filename: str = "instance.xml"):
    """POST ``/submission`` as Collect does: multipart, the XML part first, then any attachments."""
    data: dict = {"xml_submission_file": (io.BytesIO(xml), filename, "text/xml")}
    for name, content in (attachments or {}).items():
        data[name] = (io.BytesIO(content), name, "application/octet-stream")
    url = f"{base(token)}/submission" if token else "/openrosa/submission"
    return client.post(url, data=data, content_type="multipart/form-data", headers=COLLECT_HEADERS, auth=auth)
