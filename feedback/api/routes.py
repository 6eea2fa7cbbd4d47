"""API endpoints."""

from flask import jsonify

from . import bp


@bp.get("/health")
def health():
    """Liveness for load balancers and deploy checks."""
    return jsonify(status="ok")
