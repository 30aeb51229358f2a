"""What the page cache keys a request by: scheme, host, path and the query parameters views read.

Junk parameters (`utm_source`, `fbclid`, a random `?x=`) are ignored rather than redirected:
a redirect would cost every reader who follows a shared link one more round trip on a slow
phone, while ignoring them serves the cached clean page at once. The view never sees them
either, so a page rendered for `/?fbclid=1` is exactly the clean page (its pagination links
carry no junk) and may be kept under the clean key.

Parameters are read the way nginx reads `$arg_<name>` (deploy/nginx-microcache.conf keys its
micro-cache with the same names in the same order): names as sent, not percent-decoded,
compared without regard to case, the first occurrence only, an empty value the same as none.
The proxy and the application thus always agree on which page a key holds: no query string
can make one of them store a page under the other's key for a different page.
"""

from urllib.parse import unquote_plus, urlencode

from django.http import QueryDict
from django.http.request import split_domain_port


def read_parameters(query_string, names):
    """[(name, decoded value)] for `names` found in the raw `query_string`, in the order of `names`."""
    found = {}
    for part in query_string.split("&"):
        name, equals, value = part.partition("=")
        name = name.lower()
        if equals and name in names and name not in found:
            found[name] = value
    return [(name, unquote_plus(found[name])) for name in names if found.get(name)]


def host_and_path(host, path):
    """`EXAMPLE.vn.:9999` and `example.vn` are one host: ports and spellings add no entries."""
    domain, _port = split_domain_port(host)
    return f"{domain}{path}"


def clean_query(request, names):
    """Keep only `names` in the request's query, so the view renders the page the key names.

    Returns the query string the key uses ("" when none)."""
    pairs = read_parameters(request.META.get("QUERY_STRING", ""), names)
    query = urlencode(pairs)
    request.META["QUERY_STRING"] = query
    request.GET = QueryDict(query)
    return query


def entry_key(request, query):
    """The key of one cached response: http and https pages (their feed links differ) apart."""
    return f"page-cache:{request.scheme}://{host_and_path(request.get_host(), request.path)}?{query}"


def path_key(path):
    """The key of a path's token: renewing it retires every variant of the path at once, on
    every host name (a site answers to its aliases and, for the default site, any allowed
    host; the same path on two sites is renewed together)."""
    return f"page-cache:path:{path}"
