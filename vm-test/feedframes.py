#!/usr/bin/env python3
"""feedframes.py IFNAME SRC GROUP PORT KIND...: hand-made IPv4/UDP frames
to a feed, out of IFNAME (AF_PACKET, so nothing fixes them on the way), one
per KIND, in order:

  ip-len     IPv4 total length past the frame's end        (reason "ip")
  ip-csum    a wrong IPv4 header checksum                  ("checksum")
  udp-len    UDP length past the IPv4 payload              ("udp")
  udp-csum   a wrong UDP checksum                          ("checksum")
  fragments  one datagram in two IPv4 fragments            ("fragment" once,
             passed to the stack, which reassembles it)
  vlan       a good datagram tagged for VLAN 7, which has no device
                                                           (not the feed's)
  otherhost  a good datagram to another host's MAC address (not the feed's)

The payload is a MoldUDP64 heartbeat of session SESSION announcing sequence
999999: a receiver that took any of these would report a gap.  The
fragmented datagram is 2000 bytes of it, padded.
"""
import os
import socket
import struct
import sys

# The Internet checksum of the tool tests' pcap rewriter.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "tools"))
from pcap_variants import csum as checksum  # noqa: E402

SESSION = b"TPGEN00001"
PAYLOAD = SESSION + struct.pack("!QH", 999999, 0)


def udp(src, dst, port, payload, length=None, bad_csum=False):
    length = length or 8 + len(payload)
    pseudo = src + dst + struct.pack("!BBH", 0, 17, 8 + len(payload))
    header = struct.pack("!HHHH", port, port, 8 + len(payload), 0)
    csum = checksum(pseudo + header + payload) or 0xFFFF
    if bad_csum:
        csum ^= 0x5A5A
    return struct.pack("!HHHH", port, port, length, csum) + payload


def ipv4(src, dst, body, ident, frag=0, total=None, bad_csum=False):
    total = total or 20 + len(body)
    header = struct.pack("!BBHHHBBH4s4s", 0x45, 0, total, ident, frag, 1, 17,
                         0, src, dst)
    csum = checksum(header) ^ (0x5A5A if bad_csum else 0)
    return header[:10] + struct.pack("!H", csum) + header[12:] + body


def frames(kind, src, dst, port):
    datagram = udp(src, dst, port, PAYLOAD)
    if kind in ("vlan", "otherhost"):
        return [ipv4(src, dst, datagram, 6)]
    if kind == "ip-len":
        return [ipv4(src, dst, datagram, 1, total=20 + len(datagram) + 40)]
    if kind == "ip-csum":
        return [ipv4(src, dst, datagram, 2, bad_csum=True)]
    if kind == "udp-len":
        return [ipv4(src, dst, udp(src, dst, port, PAYLOAD, length=200), 3)]
    if kind == "udp-csum":
        return [ipv4(src, dst, udp(src, dst, port, PAYLOAD, bad_csum=True), 4)]
    if kind == "fragments":
        big = udp(src, dst, port, PAYLOAD + bytes(2000 - len(PAYLOAD)))
        more = 0x2000
        return [ipv4(src, dst, big[:1480], 5, frag=more),
                ipv4(src, dst, big[1480:], 5, frag=1480 // 8)]
    sys.exit(f"unknown kind {kind}")


def main():
    ifname, src, group, port = sys.argv[1:5]
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((ifname, 0))
    g = socket.inet_aton(group)
    group_mac = bytes([1, 0, 0x5E, g[1] & 0x7F, g[2], g[3]])
    own_mac = s.getsockname()[4]
    for kind in sys.argv[5:]:
        if kind == "vlan":
            ether = group_mac + own_mac + struct.pack("!HHH", 0x8100, 7, 0x0800)
        elif kind == "otherhost":
            ether = bytes([2, 0, 0, 0, 0, 1]) + own_mac + b"\x08\x00"
        else:
            ether = group_mac + own_mac + b"\x08\x00"
        for f in frames(kind, socket.inet_aton(src), g, int(port)):
            s.send(ether + f)


if __name__ == "__main__":
    main()
