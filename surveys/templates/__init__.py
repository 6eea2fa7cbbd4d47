"""Built-in survey templates, grounded in the sector strategies framework, in English and Spanish.

Each ``<name>.json`` file here is a survey definition in the format of :mod:`surveys.definition`;
load them with :func:`surveys.definition.load_template`.
"""
