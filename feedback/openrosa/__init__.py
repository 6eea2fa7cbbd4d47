"""The OpenRosa server: ODK Collect, KoboCollect and Enketo list, download and submit forms here.

========================  ===================================================================
``blueprint``             the blueprint; OpenRosa headers and XML errors on every answer
``auth``                  which device asks (token in the address, or HTTP Basic password)
``forms``                 ``formList``, a form's XForm, its (empty) manifest
``submissions``           ``HEAD``/``POST /submission``
``replies``               the XML documents answered
========================  ===================================================================

How to point a device here: ``docs/openrosa.md``.
"""

from . import forms, submissions  # noqa: F401  (views attach to bp)
from .blueprint import bp

__all__ = ["bp"]
