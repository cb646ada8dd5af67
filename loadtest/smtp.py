"""A loopback SMTP server for tests: it either answers (and keeps what it receives) or hangs.

Hanging means accepting the connection and never saying a word, the failure that used to hold
every request for the mail timeout.
"""

import socketserver
import threading


class MailSink:
    def __init__(self, port, *, hanging=False):
        self.messages = []
        self.hanging = threading.Event()
        if hanging:
            self.hanging.set()
        self.answering = threading.Event()
        sink = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                while sink.hanging.is_set():  # accept, then stay silent until told to answer
                    if sink.answering.wait(0.2):
                        break
                    if self.server.closing:
                        return
                sink._converse(self.rfile, self.wfile)

        class Server(socketserver.ThreadingTCPServer):
            allow_reuse_address = True
            daemon_threads = True
            closing = False

        self.server = Server(("127.0.0.1", port), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def answer(self):
        """Start answering, including connections already waiting."""
        self.hanging.clear()
        self.answering.set()

    def stop(self):
        self.server.closing = True
        self.server.shutdown()
        self.server.server_close()

    def _converse(self, rfile, wfile):
        def say(line):
            wfile.write(line.encode() + b"\r\n")
            wfile.flush()

        say("220 loadtest sink")
        while True:
            line = rfile.readline()
            if not line:
                return
            command = line.decode(errors="replace").strip().upper()
            if command.startswith(("EHLO", "HELO")):
                say("250 loadtest")
            elif command.startswith("DATA"):
                say("354 go on")
                data = []
                while (chunk := rfile.readline()) not in (b".\r\n", b""):
                    data.append(chunk)
                self.messages.append(b"".join(data))
                say("250 kept")
            elif command.startswith("QUIT"):
                say("221 bye")
                return
            else:  # MAIL, RCPT, RSET, NOOP
                say("250 ok")
