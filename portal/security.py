"""Content-Security-Policy and Permissions-Policy for every response.

The portal serves everything itself (closed intranet), so the browser may load nothing from
elsewhere: that keeps a forgotten CDN link from slipping in, and keeps injected markup from
running script. Styles may be inline: the sheet page's print footer and the admin use them.
"""

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

# The portal uses none of these browser features; denying them keeps a page (or anything
# injected into it) from asking for camera, location and the like. Only features Chromium knows,
# so its console stays free of "unrecognized feature" errors.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
