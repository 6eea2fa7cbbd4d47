"""Security headers on every response: a strict Content-Security-Policy with a fresh script nonce per
request, and the companion headers older browsers need.

Survey answers are untrusted text shown to staff. Templates escape them; the policy is the second
wall: a script that slipped through escaping still does not run, because only scripts from this site
or carrying this request's nonce may. No inline styles are allowed either (stylesheets live in
``static/``, charts use SVG presentation attributes), so injected markup cannot restyle a page. Pages
work without JavaScript, so none needs the policy loosened.
"""

from __future__ import annotations

import secrets

from flask import Flask, g
from werkzeug.wrappers import Response

__all__ = ["content_security_policy", "csp_nonce", "init_app"]

# Scripts, styles, images and form posts from this site only; inline scripts need the request's nonce.
# img-src allows data: for the empty "data:," favicon, which spares every page a /favicon.ico request
# (a data URI cannot run script). No plugins, no <base> rewriting links, no framing by other sites.
POLICY = (
    "default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'"
)

PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=()"

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    # Not "no-referrer": Flask-WTF checks that an HTTPS form post's Referer is this site.
    "Referrer-Policy": "same-origin",
    # For browsers older than CSP's frame-ancestors.
    "X-Frame-Options": "DENY",
    "Permissions-Policy": PERMISSIONS_POLICY,
}


def csp_nonce() -> str:
    """This request's script nonce, made on first use: put it on every inline ``<script>``."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(18)
    return g.csp_nonce


def content_security_policy(nonce: str) -> str:
    """The policy for a response whose inline scripts carry ``nonce``."""
    return POLICY.format(nonce=nonce)


def add_security_headers(response: Response) -> Response:
    """Set the policy and companion headers, unless a view chose its own."""
    response.headers.setdefault("Content-Security-Policy", content_security_policy(csp_nonce()))
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def init_app(app: Flask) -> None:
    """Give templates ``csp_nonce()`` and every response (errors and static files too) the headers."""
    app.jinja_env.globals["csp_nonce"] = csp_nonce
    app.after_request(add_security_headers)
