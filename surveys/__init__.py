"""Collecting answers: survey definitions and templates, question types, forms and response storage.

- :mod:`surveys.definition` — the JSON definition format, its validator and the built-in templates;
- :mod:`surveys.question_types` — the registry of question types (field, validation, storage);
- :mod:`surveys.responses` — conditions, validation shared by web and API, storing responses;
- :mod:`surveys.services` — creating surveys from definitions;
- :mod:`surveys.forms` — WTForms page forms built per survey page;
- :mod:`surveys.models` — the tables;
- :mod:`surveys.demo` — synthetic open-ended answers (data files and their generator) for demos and tests.

``surveys`` never imports ``feedback`` (the web application) and does no work at import time.
"""
