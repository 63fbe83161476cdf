"""An SMTP server offering SMTPUTF8 (aiosmtpd) for SmtpUtf8AiosmtpdTest.

Usage: python3 aiosmtpd_saver.py DIRECTORY
Binds 127.0.0.1 on a free port, prints the port on one line, and saves each message as
N.eml (the bytes received) and N.env (MAIL FROM, its parameters, the recipients; UTF-8,
one per line), written under temporary names and renamed when complete. Stops when its
standard input closes (the test ends).
"""
import asyncio
import os
import sys

from aiosmtpd.smtp import SMTP


class Save:
    def __init__(self, directory):
        self.directory = directory
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.directory, str(self.count))
        with open(base + ".eml.part", "wb") as f:
            f.write(envelope.original_content)
        with open(base + ".env.part", "w", encoding="utf-8") as f:
            f.write("MAIL FROM:" + envelope.mail_from + "\n")
            f.write("PARAMETERS:" + " ".join(envelope.mail_options) + "\n")
            for rcpt in envelope.rcpt_tos:
                f.write("RCPT TO:" + rcpt + "\n")
        os.rename(base + ".eml.part", base + ".eml")
        os.rename(base + ".env.part", base + ".env")
        return "250 OK"


async def main(directory):
    loop = asyncio.get_running_loop()
    saver = Save(directory)  # one for every connection: numbers go on
    server = await loop.create_server(
        lambda: SMTP(saver, enable_SMTPUTF8=True, decode_data=False, hostname="aiosmtpd.test"),
        "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    await loop.run_in_executor(None, sys.stdin.read)  # until the test closes our standard input
    server.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
