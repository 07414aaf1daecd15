#!/usr/bin/env python3
"""pagedframes.py: the frames of tpgen's pcap received as paged skbs, the
way NIC drivers build them, with bad copies of a few among them.

  pagedframes.py packet IFNAME PCAP
      out of IFNAME (a veth) by AF_PACKET with a virtio-net header, whose
      hdr_len is the part of the frame the skb gets in its linear area; the
      rest of a frame of a page or more goes in page fragments
      (packet_alloc_skb), and the peer receives the skb as it is
  pagedframes.py tap IFNAME PCAP LOCAL REMOTE
      into the tap device IFNAME, attached with IFF_NAPI_FRAGS and with GRO
      off: the first iovec of a write becomes the skb's linear area and each
      further one a page fragment (tun_napi_alloc_frags).  Each frame goes
      twice: as it is, and in VXLAN (VNI 42, port 4789) from REMOTE to LOCAL
      with a UDP checksum, which the stack checks in software: the VXLAN
      device receives the inner frame with CHECKSUM_COMPLETE

The frames are cut each way of LAYOUTS in turn; some carry link-
layer padding, or an IPv4 packet longer than its UDP datagram.  Before a
few frames of at least a page, a bad copy of the frame goes, one of each
BAD kind, in order (after the VXLAN header, for the inner frame):

  udp-csum  a payload byte changed            (counted as "checksum")
  ip-csum   a wrong IPv4 header checksum      ("checksum")
  ip-len    IPv4 total length past the frame  ("ip")
  udp-len   UDP length past the IPv4 packet   ("udp")
  big       BIG payload bytes, checksums right: one more than the module
            takes (TP_RX_PAYLOAD_MAX)         ("udp")

A receiver that took one would see the frame after it as a duplicate.
"""
import array
import fcntl
import os
import socket
import struct
import sys

# The Internet checksum and pcap reader of the tool tests.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "tools"))
from pcap_variants import csum as checksum, read  # noqa: E402

BAD = ["udp-csum", "ip-csum", "ip-len", "udp-len", "big"]
BIG = 16 * 1024 + 1
PAGE = 4096
MAX_FRAGS = 17          # MAX_SKB_FRAGS: a tap write has at most 18 iovecs
ETH, IP, UDP = 14, 20, 8
VXLAN_PORT, VNI = 4789, 42

TUNSETIFF = 0x400454CA
IFF_TAP, IFF_NAPI, IFF_NAPI_FRAGS, IFF_NO_PI = 0x0002, 0x0010, 0x0020, 0x1000
SIOCETHTOOL, ETHTOOL_SGRO = 0x8946, 0x2C
SOL_PACKET, PACKET_VNET_HDR = 263, 15


def cut(n, head, *sizes):
    """A frame of N bytes as lengths: HEAD linear, then fragments of SIZES,
    the last one repeated to the end, grown as much as a tap write's
    fragments must be to hold the frame."""
    segs, rest = [min(head, n)], n - min(head, n)
    for size in sizes[:-1]:
        if rest:
            segs.append(min(size, rest))
            rest -= segs[-1]
    room = MAX_FRAGS - (len(segs) - 1)
    size = min(max(sizes[-1], -(-rest // room)), PAGE)
    return segs + [min(size, rest - off) for off in range(0, rest, size)]


# Where a NIC's driver may leave a frame's bytes.
LAYOUTS = [
    lambda n: [n],                      # all linear (copy-break)
    lambda n: cut(n, ETH, PAGE),        # the whole IPv4 packet in pages
    lambda n: cut(n, ETH + 10, 4, 3, 1000),  # headers across three places
    lambda n: cut(n, ETH + IP + UDP, PAGE),  # header split
    lambda n: cut(n, 128, 1499),        # the first 128 bytes copied
    lambda n: cut(n, ETH + IP + UDP + 7, 1, 333),  # odd boundaries
]


def fix_ip(ip):
    ip[10:12] = b"\0\0"
    ip[10:12] = struct.pack("!H", checksum(bytes(ip[:IP])))


def fix_udp(ip):
    """The UDP checksum of the IPv4 packet IP (bytearray), over the UDP
    length it says."""
    ulen = struct.unpack_from("!H", ip, IP + 4)[0]
    ip[IP + 6:IP + 8] = b"\0\0"
    pseudo = bytes(ip[12:20]) + struct.pack("!BBH", 0, 17, ulen)
    ip[IP + 6:IP + 8] = struct.pack("!H", checksum(pseudo + bytes(ip[IP:IP + ulen])) or 0xFFFF)


def damage(frame, kind):
    eth, ip = frame[:ETH], bytearray(frame[ETH:])
    if kind == "udp-csum":
        ip[-1] ^= 0x5A
    elif kind == "ip-csum":
        ip[10] ^= 0x5A
    elif kind == "ip-len":
        ip[2:4] = struct.pack("!H", len(ip) + 40)
        fix_ip(ip)
    elif kind == "udp-len":
        ip[IP + 4:IP + 6] = struct.pack("!H", len(ip) - IP + 40)
    elif kind == "big":
        ip += bytes(BIG - (len(ip) - IP - UDP))
        ip[2:4] = struct.pack("!H", len(ip))
        ip[IP + 4:IP + 6] = struct.pack("!H", len(ip) - IP)
        fix_ip(ip)
        fix_udp(ip)
    return eth + bytes(ip)


def pad(frame, i):
    """Good frames, some padded: past the IPv4 packet (link-layer padding,
    which the stack trims), or inside it, past the UDP datagram."""
    if i % 3 == 1:
        return frame + bytes([0xA5] * (i % 4 + 1))
    if i % 5 == 2:
        ip = bytearray(frame[ETH:] + b"\xa5\xa5")
        ip[2:4] = struct.pack("!H", len(ip))
        fix_ip(ip)
        return frame[:ETH] + bytes(ip)
    return frame


def frames(pcap):
    """The frames to send, bad copies first where they go."""
    bad = list(BAD)
    for i, (_, _, frame, _) in enumerate(read(pcap)):
        if bad and i >= 10 * (len(BAD) - len(bad) + 1) and len(frame) >= PAGE:
            yield damage(frame, bad.pop(0))
        yield pad(frame, i)
    if bad:
        sys.exit(f"too few frames of a page for the bad kinds {bad}")


def segments(frame, i):
    lengths = LAYOUTS[i % len(LAYOUTS)](len(frame))
    segs, off = [], 0
    for n in lengths:
        segs.append(frame[off:off + n])
        off += n
    return segs


def send_packet(ifname, pcap):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.setsockopt(SOL_PACKET, PACKET_VNET_HDR, 1)
    s.bind((ifname, 0))
    for i, frame in enumerate(frames(pcap)):
        head = len(segments(frame, i)[0])
        # virtio_net_hdr: no offload, hdr_len (little-endian) the linear part.
        vnet = struct.pack("<BBHHHH", 0, 0, head, 0, 0, 0)
        if s.send(vnet + frame) != len(vnet) + len(frame):
            sys.exit("short send")


def vxlan(frame, local, remote, mac, ident):
    body = struct.pack("!II", 0x08000000, VNI << 8) + frame
    ip = bytearray(struct.pack("!BBHHHBBH4s4s", 0x45, 0, IP + UDP + len(body), ident & 0xFFFF,
                               0x4000, 64, 17, 0, remote, local))
    ip += struct.pack("!HHHH", VXLAN_PORT, VXLAN_PORT, UDP + len(body), 0) + body
    fix_ip(ip)
    fix_udp(ip)
    return mac + bytes([2, 0, 0, 0, 0, 2]) + b"\x08\x00" + bytes(ip)


def send_tap(ifname, pcap, local, remote):
    fd = os.open("/dev/net/tun", os.O_RDWR)
    flags = IFF_TAP | IFF_NO_PI | IFF_NAPI | IFF_NAPI_FRAGS
    fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH22x", ifname.encode(), flags))
    # GRO would pull the headers into the linear area and check the
    # checksums first (ETHTOOL_SGRO: the legacy ioctl ethtool -K gro off).
    off = array.array("I", [ETHTOOL_SGRO, 0])
    ctl = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    fcntl.ioctl(ctl, SIOCETHTOOL, struct.pack("16sP16x", ifname.encode(), off.buffer_info()[0]))
    mac = bytes.fromhex(open(f"/sys/class/net/{ifname}/address").read().strip().replace(":", ""))
    local, remote = socket.inet_aton(local), socket.inet_aton(remote)
    for i, frame in enumerate(frames(pcap)):
        for j, f in enumerate((frame, vxlan(frame, local, remote, mac, i))):
            segs = segments(f, i + j)
            if os.writev(fd, segs) != len(f):
                sys.exit("short write")


def main():
    if sys.argv[1] == "packet":
        send_packet(sys.argv[2], sys.argv[3])
    else:
        send_tap(*sys.argv[2:6])


if __name__ == "__main__":
    main()
