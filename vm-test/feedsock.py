#!/usr/bin/env python3
"""feedsock.py: plain UDP sockets beside a tickpath port, several per
process (each Python start costs seconds in the debug VM).

  feedsock.py recv LOCAL PREFIX NAME=ADDR:PORT...
      one socket per NAME bound to ADDR:PORT, joined to ADDR on the
      interface with address LOCAL if ADDR is multicast; creates
      PREFIXready once all are bound; on SIGTERM reads what is queued and
      writes "COUNT BYTES" of what each received to PREFIXNAME
  feedsock.py send LOCAL COUNT ADDR:PORT...
      COUNT datagrams of 100 bytes from LOCAL to each ADDR:PORT
"""
import selectors
import signal
import socket
import struct
import sys


def endpoint(text):
    addr, port = text.rsplit(":", 1)
    return addr, int(port)


def listen(local, spec):
    name, where = spec.split("=", 1)
    addr, port = endpoint(where)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 32 << 20)
    s.bind((addr, port))
    if socket.inet_aton(addr)[0] >> 4 == 14:
        mreq = socket.inet_aton(addr) + socket.inet_aton(local)
        s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, mreq)
    s.setblocking(False)
    return name, s


def drain(s, seen):
    while True:
        try:
            data = s.recv(65536)
        except BlockingIOError:
            return
        seen[0] += 1
        seen[1] += len(data)


def receive(local, prefix, specs):
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    sel = selectors.DefaultSelector()
    counts = {}
    for name, s in (listen(local, spec) for spec in specs):
        counts[name] = [0, 0]
        sel.register(s, selectors.EVENT_READ, name)
    open(prefix + "ready", "w").close()
    while not stop:
        for key, _ in sel.select(0.1):
            drain(key.fileobj, counts[key.data])
    for key in sel.get_map().values():
        drain(key.fileobj, counts[key.data])
    for name, (count, size) in counts.items():
        with open(prefix + name, "w") as f:
            f.write(f"{count} {size}\n")


def send(local, count, dests):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((local, 0))
    s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton(local))
    for dest in map(endpoint, dests):
        for i in range(count):
            s.sendto(struct.pack("!I", i) + bytes(96), dest)


def main():
    if sys.argv[1] == "recv":
        receive(sys.argv[2], sys.argv[3], sys.argv[4:])
    else:
        send(sys.argv[2], int(sys.argv[3]), sys.argv[4:])


if __name__ == "__main__":
    main()
