#!/usr/bin/python3
"""bench/django_send_mass.py HOST PORT COUNT: Django 3.2's send_mass_mail of COUNT messages of 1 KB
over one SMTP connection, the baseline of bench/run.sh's send-mass row. Time the whole process.

The messages are those bench/run.sh writes for `cdi-mail send-mass`: subject "Message i", the same
1 KB body, one sender, one recipient. Prints the count Django returns.
"""
import sys

import django
from django.conf import settings

host, port, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
settings.configure(
    EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
    EMAIL_HOST=host,
    EMAIL_PORT=port,
    EMAIL_TIMEOUT=30,
)
django.setup()

from django.core.mail import send_mass_mail  # noqa: E402 (needs the settings above)

LINE = "The quick brown fox jumps over the lazy dog, again and again 0123\n"
BODY = LINE * 15 + "." * 34  # 1024 characters, as bench/src/.../Fixtures.java's BODY_1K
datatuple = tuple(("Message %d" % i, BODY, "sender@example.com", ["recipient@example.com"]) for i in range(count))
print(send_mass_mail(datatuple))
