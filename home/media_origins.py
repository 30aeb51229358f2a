"""Where browsers load media from when it lives in S3-compatible storage (for the CSP).

Read by the settings, so it imports nothing from Django.
"""


def media_origins(bucket, endpoint, custom_domain, region):
    """The origins of the bucket's files: the CDN, the endpoint (path or virtual-host style), or AWS."""
    if custom_domain:
        return [f"https://{custom_domain}"]
    if endpoint:
        scheme, _sep, rest = endpoint.partition("://")
        host = rest.split("/")[0]
        return [f"{scheme}://{host}", f"{scheme}://{bucket}.{host}"]
    return [f"https://{bucket}.s3.amazonaws.com"] + ([f"https://{bucket}.s3.{region}.amazonaws.com"] if region else [])
