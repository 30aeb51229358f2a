"""Who is asking: the reader's real address behind the trusted proxy, for limits and lockouts.

Used by the vote and read limiters and by django-axes (`AXES_CLIENT_IP_CALLABLE`), so the
login lockout and the limits see the same reader: one address, or one IPv6 /64.
"""

import ipaddress

from django.conf import settings

IPV6_LIMIT_PREFIX = 64  # one household or phone gets a whole /64: limit the network, not the address


def client_address(request):
    """The reader's address: REMOTE_ADDR, or the nearest untrusted hop of X-Forwarded-For
    when the request came through one of RATING_TRUSTED_PROXIES.

    A hop that is not an address (a client wrote junk and a proxy appended to it) gives the
    proxy's own address: never a string that is not an IP.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = [ipaddress.ip_network(net, strict=False) for net in settings.RATING_TRUSTED_PROXIES]
    if not trusted or not _in_networks(_ip(remote), trusted):
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        ip = _ip(hop)
        if ip is None:
            return remote
        if not _in_networks(ip, trusted):
            return str(ip)
    return str(_ip(hops[0])) if hops else remote


def limited_address(request):
    """What limits count against: the address, or its /64 network for IPv6."""
    address = client_address(request)
    ip = _ip(address)
    if ip is None or ip.version == 4:
        return address
    if ip.ipv4_mapped:
        return str(ip.ipv4_mapped)
    return str(ipaddress.ip_network(f"{ip}/{IPV6_LIMIT_PREFIX}", strict=False))


def lockout_address(request):
    """What the login lockout counts against: `limited_address`, with an IPv6 /64 named by
    its first address, since django-axes stores an address, not a network."""
    limited = limited_address(request)
    if "/" not in limited:
        return limited
    return str(ipaddress.ip_network(limited).network_address)


def _ip(text):
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _in_networks(ip, networks):
    return ip is not None and any(ip in network for network in networks)
