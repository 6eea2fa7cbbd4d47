"""JSON API (``/api/v1``): the public submission endpoints kiosks and offline apps use, and the staff
endpoints scripts reach with a personal token; described at ``/api/v1/openapi.json``.

=============  =======================================================================================
``blueprint``  the blueprint, its JSON-body rule (415, 400)
``errors``     the one error shape, ``{"error": {"code", "message", "field"}}``, for every answer
``schemas``    pydantic models: what each endpoint reads and answers
``spec``       the OpenAPI 3.1 description, generated from the routes and the models
``auth``       token authentication, the per-token rate limit, loading objects with the token's grant
``routes``     public: health, a survey's definition, submitting a response, the description
``paging``     cursor pages: responses with their answers, a run's assignments
``staff``      with a token: surveys, responses, theme runs, starting a run, trends, actions
=============  =======================================================================================
"""

from . import routes, staff  # noqa: F401  (routes attach themselves to bp)
from .blueprint import bp

__all__ = ["bp"]
