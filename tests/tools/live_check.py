#!/usr/bin/env python3
"""live_check.py: what tpgen --send put on the wire.

  live_check.py listen ADDR PORT OUT READY
      Receives datagrams on ADDR:PORT (joining ADDR on the loopback
      interface if it is multicast) into OUT, each after its 4-byte length,
      until an end of session arrives or nothing comes for 10 s; creates
      READY once it listens.
  live_check.py same OUT PCAP
      The datagrams are the UDP payloads of tpgen's pcap, in order.
  live_check.py stamped OUT T0 T1
      Every message carries a Timestamp (ns since midnight) in [T0, T1],
      given in ns since the epoch, the same for all messages of a packet.
"""
import socket
import struct
import sys

NS_PER_DAY = 86400 * 10**9


def listen(addr, port, out, ready):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
    s.bind((addr, int(port)))
    if 224 <= int(addr.split(".")[0]) < 240:
        mreq = socket.inet_aton(addr) + socket.inet_aton("127.0.0.1")
        s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, mreq)
    s.settimeout(10)
    open(ready, "w").close()
    with open(out, "wb") as f:
        while True:
            try:
                d = s.recv(65536)
            except socket.timeout:
                return 1
            f.write(struct.pack("<I", len(d)) + d)
            if len(d) == 20 and d[18:20] == b"\xff\xff":
                return 0


def datagrams(path):
    data, off = open(path, "rb").read(), 0
    while off < len(data):
        (n,) = struct.unpack_from("<I", data, off)
        yield data[off + 4:off + 4 + n]
        off += 4 + n


def pcap_payloads(path):
    data, off = open(path, "rb").read(), 24
    while off < len(data):
        caplen = struct.unpack_from("<I", data, off + 8)[0]
        yield data[off + 16 + 42:off + 16 + caplen]
        off += 16 + caplen


def stamps(d):
    off = 20
    while off + 2 <= len(d):
        (n,) = struct.unpack_from(">H", d, off)
        yield int.from_bytes(d[off + 2 + 5:off + 2 + 11], "big")
        off += 2 + n


def main():
    cmd = sys.argv[1]
    if cmd == "listen":
        return listen(*sys.argv[2:6])
    if cmd == "same":
        got, want = list(datagrams(sys.argv[2])), list(pcap_payloads(sys.argv[3]))
        print(f"{len(got)} datagrams, {len(want)} in the pcap")
        return 0 if got == want and got else 1
    t0, t1 = int(sys.argv[3]) % NS_PER_DAY, int(sys.argv[4]) % NS_PER_DAY
    n = 0
    for d in datagrams(sys.argv[2]):
        ts = set(stamps(d))
        if len(ts) > 1 or any(not t0 <= t <= t1 for t in ts):
            print(f"stamps {sorted(ts)[:3]} not in [{t0}, {t1}]")
            return 1
        n += len(ts)
    return 0 if n else 1


if __name__ == "__main__":
    sys.exit(main())
