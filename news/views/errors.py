from django.http import JsonResponse


def json_error(message, status):
    """`{"error": message}` with `status`, its Vietnamese left as written, not escaped."""
    return JsonResponse({"error": message}, status=status, json_dumps_params={"ensure_ascii": False})
