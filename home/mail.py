"""E-mail delivered by the task worker, so no request waits on the mail server.

Wagtail sends the approval workflow's notifications inside the editor's request, one message
per reviewer, and not through django-tasks. With `TASKS_BACKEND=database`, `EMAIL_BACKEND` is
`TaskEmailBackend`: it queues each message, and the worker hands it to `TASKS_EMAIL_BACKEND`
(SMTP by default). Task arguments are stored as JSON, so a message travels as its fields.
"""

from django_tasks import task

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend


def delivery_connection(**kwargs):
    return get_connection(settings.TASKS_EMAIL_BACKEND, **kwargs)


def message_fields(message):
    """The fields of an e-mail as JSON-friendly values."""
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": {str(name): str(value) for name, value in message.extra_headers.items()},
        "alternatives": [[str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])],
    }


@task()
def send_email_task(fields):
    """Deliver one queued e-mail."""
    alternatives = [tuple(alternative) for alternative in fields.pop("alternatives")]
    message = EmailMultiAlternatives(**fields, alternatives=alternatives, connection=delivery_connection())
    message.send()


class TaskEmailBackend(BaseEmailBackend):
    """Queues each message for the worker; a message with attachments (none of the portal's)
    goes out at once, as attachments do not travel as JSON."""

    def send_messages(self, email_messages):
        queued = [message for message in email_messages if not message.attachments]
        for message in queued:
            send_email_task.enqueue(message_fields(message))
        direct = [message for message in email_messages if message.attachments]
        if direct:
            delivery_connection(fail_silently=self.fail_silently).send_messages(direct)
        return len(email_messages)
