"""A real local SMTP server (aiosmtpd) for the notification tests.

Every message it accepts is parsed and appended as one JSON line to --out (Message-ID, envelope,
decoded subject and body), *then* it waits --reply-delay seconds before answering 250: a test can
kill the Guichet worker in that window, after the relay has the message and before the worker
learns it, which is the crash the outbox must not turn into a second copy.

Usage: python smtp_sink.py --out FILE [--port 0] [--reply-delay SECONDS]
Prints "listening PORT" once ready; stops on SIGTERM.
"""

import argparse
import asyncio
import email
import email.policy
import json
import signal
import time

from aiosmtpd.smtp import SMTP


class Recorder:
    def __init__(self, out, delay):
        self.out = out
        self.delay = delay

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        record = {
            "message_id": message["Message-ID"],
            "mail_from": envelope.mail_from,
            "rcpt_to": envelope.rcpt_tos,
            "to": message["To"],
            "subject": str(message["Subject"]),
            "content_type": message.get_content_type(),
            "charset": message.get_content_charset(),
            "body": message.get_content(),
            "at": time.time(),
        }
        with open(self.out, "a", encoding="utf-8") as sink:
            sink.write(json.dumps(record, ensure_ascii=False) + "\n")
        if self.delay:
            await asyncio.sleep(self.delay)
        return "250 Message accepted"


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--reply-delay", type=float, default=0)
    args = parser.parse_args()
    handler = Recorder(args.out, args.reply_delay)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(handler, hostname="sink.test"), "127.0.0.1", args.port)
    print(f"listening {server.sockets[0].getsockname()[1]}", flush=True)
    stop = loop.create_future()
    loop.add_signal_handler(signal.SIGTERM, stop.set_result, None)
    await stop
    server.close()


asyncio.run(main())
